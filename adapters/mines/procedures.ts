import { minesProcedureRows, type ApplicantKind, type ProcedureCode } from '../../schema/index.js';

/**
 * One of the ministry's procedures: Guichet's catalogue code ↔ SIGEM's own code, whether it concerns a site, and for
 * a mining title the unit SIGEM keeps its surface in (the graph always speaks hectares). Read from the ministry's
 * procedure table (`schema/mines-procedures.ts`), the one the catalogue and the simulator read.
 */
export interface MinesProcedure {
  readonly procedureCode: ProcedureCode;
  readonly legacyCode: string;
  /** SIGEM refuses a deposit without commune and locality for these. */
  readonly site: boolean;
  /** Mining titles: a substance and a surface are required; SIGEM's unit and bounds, in hectares. */
  readonly mining: { readonly legacyUnit: 'KM2' | 'HA'; readonly minHectares: number; readonly maxHectares: number } | null;
  /** Who may be its applicant: a citizen in their own name, a company through its mandate holder, or both. */
  readonly applicantKinds: readonly ApplicantKind[];
}

/** 1 km² = 100 ha. */
export const HECTARES_PER_KM2 = 100;

export const minesProcedures: readonly MinesProcedure[] = minesProcedureRows.map((row): MinesProcedure => {
  const mining = row.sigem.mining;
  const toHectares = mining?.unit === 'KM2' ? HECTARES_PER_KM2 : 1;
  return {
    procedureCode: row.code,
    legacyCode: row.sigem.code,
    site: row.sigem.site,
    mining: mining === null ? null : { legacyUnit: mining.unit, minHectares: mining.min * toHectares, maxHectares: mining.max * toHectares },
    applicantKinds: row.applicants,
  };
});

const byLegacyCode = new Map(minesProcedures.map((p) => [p.legacyCode, p]));
const byProcedureCode = new Map<string, MinesProcedure>(minesProcedures.map((p) => [p.procedureCode, p]));

export function procedureOfLegacyCode(code: string): MinesProcedure | undefined {
  return byLegacyCode.get(code);
}

export function procedureOfCode(code: string): MinesProcedure | undefined {
  return byProcedureCode.get(code);
}

/** Whether a catalogue code is one of this ministry's procedures. */
export function isProcedureOfMines(code: string): code is ProcedureCode {
  return byProcedureCode.has(code);
}
