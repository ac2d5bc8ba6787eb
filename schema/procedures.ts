import type { ApplicantKind } from './applicant-kinds.js';
import { documentKindLabels, documentKindsGivenAsField, type DocumentKind } from './document-kinds.js';
import { handlingBodies, type HandlingBodyCode } from './handling-bodies.js';
import type { RequiredDocumentRow } from './mines-procedures.js';
import { ministries, ministriesInCatalogueOrder, type Ministry } from './ministries.js';

/**
 * The procedure catalogue (démarches): the graph's shared vocabulary. The dossiers subgraph serves it; each ministry
 * subgraph names the procedure of its dossiers by code from here. Everything here is derived from the ministry
 * registry (`schema/ministries.ts`): a ministry's code, name and procedures are written in its row only.
 */
type MinistryCodeTable = { readonly [M in Ministry as M['code']]: M['code'] };

/** `MinistryCode.ENERGY === 'ENERGY'`, in registry order (the GraphQL enum's order). */
export const MinistryCode = Object.fromEntries(ministries.map((m) => [m.code, m.code])) as MinistryCodeTable;
export type MinistryCode = Ministry['code'];

/** Each ministry's full name (catalogue). */
export const ministryNames = Object.fromEntries(ministries.map((m) => [m.code, m.name])) as Readonly<Record<MinistryCode, string>>;

type ProcedureRowOf<M> = M extends { readonly procedures: readonly (infer P)[] } ? P : never;
type RegistryProcedure = ProcedureRowOf<Ministry>;
type ProcedureCodeTable = { readonly [P in RegistryProcedure as P['key']]: P['code'] };

/** `ProcedureCode.BUILDING_PERMIT === 'URB-PERMIS-CONSTRUIRE'`, in catalogue order. */
export const ProcedureCode = Object.fromEntries(ministriesInCatalogueOrder.flatMap((m) => m.procedures.map((p) => [p.key, p.code]))) as ProcedureCodeTable;
export type ProcedureCode = RegistryProcedure['code'];

/** A required document of a procedure: its kind, the kind's label, and this procedure's own wording if it has one. */
export interface RequiredDocument {
  readonly kind: DocumentKind;
  readonly label: string;
  readonly detail: string | null;
  /** `field` for a kind the filing's input carries as a field (`documentKindsGivenAsField`): no file is filed for it. */
  readonly givenAs: 'file' | 'field';
}

export interface Procedure {
  readonly code: ProcedureCode;
  readonly title: string;
  readonly ministry: MinistryCode;
  readonly description: string;
  /** What to provide, as text (the detail, else the kind's label; or the row's free text when it has no kinds). */
  readonly requiredDocuments: readonly string[];
  /** The same documents as kinds; empty for a row whose documents are not typed yet. */
  readonly documents: readonly RequiredDocument[];
  readonly feeFcfa: number;
  readonly legalDelayDays: number;
  /** The body that processes it, when its row names one. */
  readonly handlingBody: { readonly code: HandlingBodyCode; readonly name: string } | null;
  readonly applicantKinds: readonly ApplicantKind[];
}

function requiredDocument(row: RequiredDocumentRow): RequiredDocument {
  const kind = typeof row === 'string' ? row : row.kind;
  return { kind, label: documentKindLabels[kind], detail: typeof row === 'string' ? null : row.detail, givenAs: documentKindsGivenAsField.has(kind) ? 'field' : 'file' };
}

/** The catalogue: every ministry's procedures, ministries in catalogue order (`ministriesInCatalogueOrder`). */
export const procedures: readonly Procedure[] = ministriesInCatalogueOrder.flatMap((m) =>
  m.procedures.map((p: RegistryProcedure): Procedure => {
    const documents = 'documents' in p ? p.documents.map(requiredDocument) : [];
    return {
      code: p.code,
      title: p.title,
      ministry: m.code,
      description: p.description,
      requiredDocuments: 'documents' in p ? documents.map((d) => d.detail ?? d.label) : p.requiredDocuments,
      documents,
      feeFcfa: p.feeFcfa,
      legalDelayDays: p.legalDelayDays,
      handlingBody: 'body' in p ? { code: p.body, name: handlingBodies[p.body].name } : null,
      applicantKinds: 'applicants' in p ? p.applicants : ['CITIZEN'],
    };
  }),
);

const byCode = new Map<string, Procedure>(procedures.map((p) => [p.code, p]));

export function findProcedure(code: string): Procedure | undefined {
  return byCode.get(code);
}
