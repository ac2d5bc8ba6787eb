import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { ministriesWithASystem, ministryOfLegacySystem, type LegacySystem, type MinistryCode } from '../../../schema/index.js';
import { ministryDossierTypes } from '../../../subgraphs/dossiers/ministry-dossier-types.js';
import { endObjects } from './check.js';
import type { Path } from './paths.js';
import { authorizationMatrix, callersOwnRoots, readersOf, type Readers } from './policy.js';
import { readerAdmits, type MatrixRole, type Parties, type Relation } from './roles.js';

/** Ministry and system of each ministry's dossier type (the registry of the unified view). */
export const dossierTypeSystems: ReadonlyMap<string, { readonly system: LegacySystem; readonly ministry: MinistryCode }> = new Map(
  ministryDossierTypes.map((m) => [m.typeName, { system: m.legacySystem, ministry: ministryOfLegacySystem[m.legacySystem] }]),
);

/** The ministry of a worklist root (`electricityConnectionRequests` → its page's nodes' type → ENERGY). */
function worklistMinistry(schema: GraphQLSchema, pageType: string): MinistryCode | undefined {
  const page = schema.getType(pageType);
  if (!isObjectType(page) || !page.getFields().nodes) return undefined;
  return dossierTypeSystems.get(getNamedType(page.getFields().nodes!.type).name)?.ministry;
}

/** The parties a path is tried with: the agents are those of the ministry it goes through, and of another. */
export function partiesOf(schema: GraphQLSchema, path: Path, ownerNiu: string, otherNiu: string): Parties {
  const ministries = path.hops.flatMap((h) => [dossierTypeSystems.get(h.type)?.ministry, worklistMinistry(schema, h.type)]).filter((m): m is MinistryCode => m !== undefined);
  const owningMinistry = ministries[ministries.length - 1] ?? 'ENERGY';
  const otherMinistry = ministriesWithASystem.find((m) => !ministries.includes(m) && m !== owningMinistry)!;
  return { ownerNiu, otherNiu, owningMinistry, otherMinistry };
}

export interface Expectation {
  /** Index of the first hop the caller may not take (-1: every hop allowed). */
  readonly deniedHop: number;
  /** Per leaf of the last type: may the caller read it (false for every leaf when a hop is denied). */
  readonly leaves: Readonly<Record<string, boolean>>;
}

const agentMinistry = (role: MatrixRole, parties: Parties): MinistryCode | undefined =>
  role.name === 'agent-owning' ? parties.owningMinistry : role.name === 'agent-other' ? parties.otherMinistry : undefined;

const admits = (readers: Readers | undefined, role: MatrixRole, relation: Relation) => readers !== undefined && readers.some((r) => readerAdmits(r, role, relation));

/** What the matrix says `role` gets along `path` (see policy.ts for the rule of a hop). */
export function expectationOf(schema: GraphQLSchema, path: Path, role: MatrixRole, parties: Parties): Expectation {
  const ministry = agentMinistry(role, parties);
  const isCitizen = role.name === 'owner' || role.name === 'other-citizen';
  // `me` (and `myCompanies`) is the caller's own; any other root leads to the owner's data.
  const self = isCallersOwn(path) ? isCitizen : role.name === 'owner';
  let agentOfDossier = false;
  let agentOfWorklist = false;
  let deniedHop = -1;
  for (const [i, hop] of path.hops.entries()) {
    const landing = dossierTypeSystems.get(hop.type);
    if (ministry !== undefined && landing?.ministry === ministry) agentOfDossier = true;
    if (i === 0 && ministry !== undefined && worklistMinistry(schema, hop.type) === ministry) agentOfWorklist = true;
    const relation: Relation = { self, agentOfDossier, agentOfWorklist };
    const entry = authorizationMatrix[hop.type]?.entry ?? ['reached'];
    if (!admits(readersOf(hop.parent, hop.field), role, relation) || !admits(entry, role, relation)) {
      deniedHop = i;
      break;
    }
  }
  const last = path.hops[path.hops.length - 1]!;
  const relation: Relation = { self, agentOfDossier, agentOfWorklist };
  const leaves = Object.fromEntries(path.leaves.map((leaf) => [leaf, deniedHop === -1 && admits(readersOf(last.type, leaf), role, relation)]));
  return { deniedHop, leaves };
}

/** Whether the path starts at a root that answers with the caller's own data (`me`, `myCompanies`). */
export const isCallersOwn = (path: Path): boolean => callersOwnRoots.has(path.hops[0]!.field);

/** Whether the matrix allows the path to someone, yet it can never hold data (see `neverInCitizenLists`). */
export const alwaysEmpty = (path: Path): boolean =>
  path.hops.some((hop, i) => authorizationMatrix[hop.type]?.neverInCitizenLists === true && path.hops.slice(0, i).some((before) => before.type === 'Citizen'));

/** Types whose objects are someone's records: serving one is a read of that person's data. */
const recordTypes = (type: string) => dossierTypeSystems.has(type) || ['CivilAct', 'DossierStep', 'AccessLogEntry', 'CompanyApplicant'].includes(type);

/**
 * Whether a non-owner's read along `path` must be on the data owner's access log, given the answer: it served a
 * record of the person (a dossier, an act, a step, an access-log entry, at any hop), a citizen's identity values, or
 * — every system being up — a list of their dossiers.
 */
export function mustBeAudited(path: Path, expectation: Expectation, data: unknown, strict: boolean): boolean {
  if (expectation.deniedHop !== -1) return false;
  const received = (leaf: string) => endObjects(path, data as never).objects.some((o) => o[leaf] !== undefined && o[leaf] !== null);
  if (Object.entries(expectation.leaves).some(([leaf, allowed]) => allowed && leaf !== 'niu' && path.hops[path.hops.length - 1]!.type === 'Citizen' && received(leaf))) return true;
  for (const [i, hop] of path.hops.entries()) {
    const served = endObjects(path, data as never, i + 1).objects.length > 0;
    if (served && (recordTypes(hop.type) || (strict && hop.type === 'DossierConnection'))) return true;
  }
  return false;
}
