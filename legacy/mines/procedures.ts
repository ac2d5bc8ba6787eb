import { documentKindLabels, minesProcedureRows, minesSubstanceCodes, type MinesStageCode, type MinesSubstanceCode } from '../../schema/index.js';

/**
 * The procedures SIGEM knows, by its own codes (`CodeProcedure`), with the filing fee it records — read from the
 * ministry's procedure table (`schema/mines-procedures.ts`), so the simulator accepts exactly the catalogue's
 * procedures. SIGEM was built for the mining cadastre first: the energy approvals were added later with the same
 * screens, which is why a petroleum depot also has a "site" and why surfaces and substances are columns of every
 * dossier (null when unused).
 */
export interface ProcedureLegacy {
  readonly code: string;
  readonly libelle: string;
  readonly fraisFcfa: number;
  /** Does the procedure concern a site (commune, locality), or only a person or company? */
  readonly site: boolean;
  /** Mining titles: a substance and a surface, in the unit SIGEM requires for that title. */
  readonly minier: { readonly unite: UniteSuperficie; readonly min: number; readonly max: number; readonly substances: readonly Substance[] } | null;
  /** The documents it requires, as SIGEM's agents name them when they ask for one again (`PiecesDemandees`). */
  readonly pieces: readonly string[];
  /** The same documents by nature (Guichet's kind codes): what a deposit of pieces names its files. */
  readonly natures: readonly string[];
  /** Its stages after `ENR`, in order. */
  readonly etapes: readonly MinesStageCode[];
  /** Filed by companies only (the seeded world gives those a company name). */
  readonly entreprisesSeulement: boolean;
  /** Relative weight in the seeded world. */
  readonly poids: number;
}

/** Exploration permits are drawn on the 1/50 000 map in km²; small sites in hectares. */
export type UniteSuperficie = 'KM2' | 'HA';

/** Substances, by SIGEM's codes. */
export const substances = minesSubstanceCodes;
export type Substance = MinesSubstanceCode;

export const proceduresLegacy: readonly ProcedureLegacy[] = minesProcedureRows.map(
  (row): ProcedureLegacy => ({
    code: row.sigem.code,
    libelle: row.title,
    fraisFcfa: row.feeFcfa,
    site: row.sigem.site,
    minier: row.sigem.mining === null ? null : { unite: row.sigem.mining.unit, min: row.sigem.mining.min, max: row.sigem.mining.max, substances: row.sigem.mining.usualSubstances },
    pieces: row.documents.map((d) => (typeof d === 'string' ? documentKindLabels[d] : d.detail)),
    natures: row.documents.map((d) => (typeof d === 'string' ? d : d.kind)),
    etapes: row.stages,
    entreprisesSeulement: !(row.applicants as readonly string[]).includes('CITIZEN'),
    poids: row.sigem.seedWeight,
  }),
);

const byCode = new Map(proceduresLegacy.map((p) => [p.code, p]));

export function procedureLegacy(code: string): ProcedureLegacy | undefined {
  return byCode.get(code);
}
