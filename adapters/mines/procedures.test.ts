import { describe, expect, it } from 'vitest';
import { minesProcedureRows } from '../../schema/index.js';
import { HECTARES_PER_KM2, isProcedureOfMines, procedureOfCode, procedureOfLegacyCode } from './procedures.js';
import { stateOfCode } from './states.js';

describe('SIGEM procedures in the adapter (from the ministry’s table)', () => {
  it.each(minesProcedureRows.map((r) => [r.code, r] as const))('%s: both codes map, its bounds are in hectares, each stage maps to a normalized status', (code, row) => {
    expect(isProcedureOfMines(code)).toBe(true);
    expect(procedureOfLegacyCode(row.sigem.code)?.procedureCode).toBe(code);
    const mining = procedureOfCode(code)?.mining ?? null;
    const factor = row.sigem.mining?.unit === 'KM2' ? HECTARES_PER_KM2 : 1;
    expect(mining).toEqual(row.sigem.mining && { legacyUnit: row.sigem.mining.unit, minHectares: row.sigem.mining.min * factor, maxHectares: row.sigem.mining.max * factor });
    for (const stage of row.stages) expect(stateOfCode(stage), stage).toBeDefined();
    // The last stage is the outcome: a title granted, a declaration recorded.
    expect(['APPROVED', 'COMPLETED']).toContain(stateOfCode(row.stages.at(-1) ?? '')?.status);
  });

  it('knows no code outside the table', () => {
    expect(isProcedureOfMines('URB-PERMIS-CONSTRUIRE')).toBe(false);
    expect(procedureOfLegacyCode('XXX')).toBeUndefined();
    expect(stateOfCode('toString')).toBeUndefined();
  });
});
