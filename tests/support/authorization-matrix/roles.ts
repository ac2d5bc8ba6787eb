import type { MinistryCode } from '../../../schema/index.js';
import type { TokenRequest } from '../tokens.js';
import type { Reader } from './policy.js';

/** Who asks, relative to the data: every kind of caller the graph knows, and the relations that matter. */
export type RoleName =
  | 'anonymous'
  | 'owner'
  | 'other-citizen'
  | 'agent-owning'
  | 'agent-other'
  | 'supervisor'
  | 'integrator-citizens'
  | 'integrator-dossiers'
  | 'integrator-both'
  | 'integrator-write-only'
  | 'integrator-supervision'
  | 'integrator-webhooks';

export interface MatrixRole {
  readonly name: RoleName;
  /** The graph's role name, as the audit trail records it (`null`: anonymous, never recorded). */
  readonly auditRole: string | null;
  /** Scopes an integrator holds. */
  readonly scopes: readonly string[];
}

export const matrixRoles: readonly MatrixRole[] = [
  { name: 'anonymous', auditRole: null, scopes: [] },
  { name: 'owner', auditRole: 'citizen', scopes: [] },
  { name: 'other-citizen', auditRole: 'citizen', scopes: [] },
  { name: 'agent-owning', auditRole: 'agent', scopes: [] },
  { name: 'agent-other', auditRole: 'agent', scopes: [] },
  { name: 'supervisor', auditRole: 'supervisor', scopes: ['supervision:read'] },
  { name: 'integrator-citizens', auditRole: 'integrator', scopes: ['citizens:read'] },
  { name: 'integrator-dossiers', auditRole: 'integrator', scopes: ['dossiers:read'] },
  { name: 'integrator-both', auditRole: 'integrator', scopes: ['citizens:read', 'dossiers:read'] },
  { name: 'integrator-write-only', auditRole: 'integrator', scopes: ['dossiers:write'] },
  { name: 'integrator-supervision', auditRole: 'integrator', scopes: ['supervision:read'] },
  { name: 'integrator-webhooks', auditRole: 'integrator', scopes: ['webhooks:manage'] },
];

/** The data's own citizen, and a stranger to it; the agents are chosen per path (the ministry that owns its dossier). */
export interface Parties {
  readonly ownerNiu: string;
  readonly otherNiu: string;
  /** Ministry of the dossier or worklist a path goes through (ENERGY when none). */
  readonly owningMinistry: MinistryCode;
  /** A ministry that owns nothing on the path. */
  readonly otherMinistry: MinistryCode;
}

/** The token request for a role (each role its own OAuth client, so that its audit records can be told apart). */
export function tokenRequestOf(role: MatrixRole, parties: Parties): TokenRequest | undefined {
  const clientId = `matrix-${role.name}`;
  switch (role.name) {
    case 'anonymous':
      return undefined;
    case 'owner':
      return { role: 'citizen', niu: parties.ownerNiu, clientId };
    case 'other-citizen':
      return { role: 'citizen', niu: parties.otherNiu, clientId };
    case 'agent-owning':
      return { role: 'agent', ministry: parties.owningMinistry, clientId };
    case 'agent-other':
      return { role: 'agent', ministry: parties.otherMinistry, clientId };
    case 'supervisor':
      return { role: 'supervisor', clientId };
    default:
      return { role: 'integrator', scopes: role.scopes, clientId };
  }
}

/** What the caller is to the data at one hop: the citizen it is about? an agent of the ministry of a dossier on the way? */
export interface Relation {
  readonly self: boolean;
  readonly agentOfDossier: boolean;
  readonly agentOfWorklist: boolean;
}

/** Whether one reader of the matrix lets `role` through, given its relation to the data. */
export function readerAdmits(reader: Reader, role: MatrixRole, relation: Relation): boolean {
  switch (reader) {
    case 'anyone':
    case 'reached':
      return true;
    case 'self':
      return relation.self;
    case 'agent-of-dossier':
      return relation.agentOfDossier;
    case 'agent-of-worklist':
      return relation.agentOfWorklist;
    case 'citizens:read':
    case 'dossiers:read':
    case 'supervision:read':
    case 'webhooks:manage':
      return role.scopes.includes(reader);
  }
}
