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

export interface Procedure {
  readonly code: ProcedureCode;
  readonly title: string;
  readonly ministry: MinistryCode;
  readonly description: string;
  readonly requiredDocuments: readonly string[];
  readonly feeFcfa: number;
  readonly legalDelayDays: number;
}

/** The catalogue: every ministry's procedures, ministries in catalogue order (`ministriesInCatalogueOrder`). */
export const procedures: readonly Procedure[] = ministriesInCatalogueOrder.flatMap((m) =>
  m.procedures.map(
    (p: RegistryProcedure): Procedure => ({
      code: p.code,
      title: p.title,
      ministry: m.code,
      description: p.description,
      requiredDocuments: p.requiredDocuments,
      feeFcfa: p.feeFcfa,
      legalDelayDays: p.legalDelayDays,
    }),
  ),
);

const byCode = new Map<string, Procedure>(procedures.map((p) => [p.code, p]));

export function findProcedure(code: string): Procedure | undefined {
  return byCode.get(code);
}
