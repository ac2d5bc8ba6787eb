import { describe, expect, it } from 'vitest';
import { ceetStatuses } from '../adapters/ceet/states.js';
import { stateOfCode as minesStateOf } from '../adapters/mines/states.js';
import { stages as urbanismeStages } from '../adapters/urbanisme/stages.js';
import type { LegacySystem } from '../schema/index.js';
import { createStatusCycler, expectedEventTypes, referenceOfLegacyNumber, statusCycles, type MovableDossier } from './push-changes.js';

/** The adapters' own tables, where they export them: the cycles must say what the feeds will say. */
const mapped: Partial<Record<string, (code: string) => string | undefined>> = {
  ceet: (code) => ceetStatuses.get(Number(code))?.status,
  urbanisme: (code) => urbanismeStages[code]?.status,
  mines: (code) => minesStateOf(code)?.status,
};

describe('status cycles of the push figure', () => {
  it.each(Object.keys(statusCycles))('%s: every change of the cycle, and the first from the start, changes the normalized status', (system) => {
    const { start, cycle } = statusCycles[system as LegacySystem]!;
    expect(cycle.length).toBeGreaterThan(1);
    const sequence = [start, ...cycle, ...cycle];
    for (let i = 1; i < sequence.length; i += 1) expect(sequence[i]!.status, `${sequence[i - 1]!.code} → ${sequence[i]!.code}`).not.toBe(sequence[i - 1]!.status);
    const map = mapped[system];
    if (map) for (const step of [start, ...cycle]) expect(map(step.code), `${system} ${step.code}`).toBe(step.status);
  });

  it('walks each dossier through its own cycle, from the start, wrapping around', () => {
    const cycler = createStatusCycler();
    const a: MovableDossier = { system: 'rnec', legacyNumber: 'DC-2026-000001', reference: 'RNEC-2026-000001', niu: 'x' };
    const b: MovableDossier = { system: 'ceet', legacyNumber: '2026-000001', reference: 'CEET-2026-000001', niu: 'y' };
    expect(cycler.start(a)).toBe(statusCycles.rnec!.start);
    const walked = Array.from({ length: statusCycles.rnec!.cycle.length + 1 }, () => cycler.next(a).code);
    expect(walked).toEqual([...statusCycles.rnec!.cycle.map((s) => s.code), statusCycles.rnec!.cycle[0]!.code]);
    expect(cycler.next(b)).toBe(statusCycles.ceet!.cycle[0]);
    cycler.start(a);
    expect(cycler.next(a)).toBe(statusCycles.rnec!.cycle[0]);
  });

  it('has a cycle for every system the push figures move, and refuses a system without one', () => {
    expect(Object.keys(statusCycles).sort()).toEqual(['ceet', 'mines', 'rnec', 'urbanisme']);
    const unknown = { system: 'nouveau', legacyNumber: '2026-000001', reference: 'NV-2026-000001', niu: 'z' } as unknown as MovableDossier;
    expect(() => createStatusCycler().start(unknown)).toThrow(/no status cycle for nouveau/);
  });

  it('expects ACTION_REQUIRED beside STATUS_CHANGED only for that status', () => {
    expect(expectedEventTypes('ACTION_REQUIRED')).toEqual(['STATUS_CHANGED', 'ACTION_REQUIRED']);
    for (const status of ['SUBMITTED', 'IN_PROGRESS', 'APPROVED', 'COMPLETED', 'REJECTED'] as const) expect(expectedEventTypes(status)).toEqual(['STATUS_CHANGED']);
  });

  it('turns every system’s own number into its graph reference', () => {
    expect(referenceOfLegacyNumber('ceet', '2026-000123')).toBe('CEET-2026-000123');
    expect(referenceOfLegacyNumber('urbanisme', 'PC-2026-004321')).toBe('URB-2026-004321');
    expect(referenceOfLegacyNumber('rnec', 'DC-2025-000777')).toBe('RNEC-2025-000777');
    expect(referenceOfLegacyNumber('mines', '2026/000123')).toBe('MEM-2026-000123');
    expect(() => referenceOfLegacyNumber('ceet', 'nonsense')).toThrow(/no graph reference/);
  });
});
