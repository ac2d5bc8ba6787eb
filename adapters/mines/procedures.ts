import { ProcedureCode } from '../../schema/index.js';

/**
 * One of the ministry's procedures: Guichet's catalogue code ↔ SIGEM's own code, whether it concerns a site, and for
 * a mining title the unit SIGEM keeps its surface in (the graph always speaks hectares).
 */
export interface MinesProcedure {
  readonly procedureCode: ProcedureCode;
  readonly legacyCode: string;
  /** SIGEM refuses a deposit without commune and locality for these. */
  readonly site: boolean;
  /** Mining titles: a substance and a surface are required; SIGEM's unit and bounds, in hectares. */
  readonly mining: { readonly legacyUnit: 'KM2' | 'HA'; readonly minHectares: number; readonly maxHectares: number } | null;
}

export const minesProcedures: readonly MinesProcedure[] = [
  { procedureCode: ProcedureCode.MINING_EXPLORATION_PERMIT, legacyCode: 'PR', site: true, mining: { legacyUnit: 'KM2', minHectares: 500, maxHectares: 50_000 } },
  { procedureCode: ProcedureCode.ARTISANAL_MINING_AUTHORIZATION, legacyCode: 'AEA', site: true, mining: { legacyUnit: 'HA', minHectares: 1, maxHectares: 25 } },
  { procedureCode: ProcedureCode.QUARRY_AUTHORIZATION, legacyCode: 'AOC', site: true, mining: { legacyUnit: 'HA', minHectares: 0.5, maxHectares: 50 } },
  { procedureCode: ProcedureCode.PETROLEUM_DEPOT_APPROVAL, legacyCode: 'ADP', site: true, mining: null },
  { procedureCode: ProcedureCode.ELECTRICAL_INSTALLER_APPROVAL, legacyCode: 'AIE', site: false, mining: null },
];

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

/** 1 km² = 100 ha. */
export const HECTARES_PER_KM2 = 100;
