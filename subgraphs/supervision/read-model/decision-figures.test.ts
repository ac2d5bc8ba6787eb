import { describe, expect, it } from 'vitest';
import { DossierStatus, findProcedure, ProcedureCode, procedures } from '../../../schema/index.js';
import { createReadModel, DAY_MS, type DossierFact, previousPeriodOf } from './index.js';

/**
 * The figures a director decides with, over generated data: the aggregation floor at its boundaries, dossiers
 * around their legal delay (overdue backlog, beyond-delay counts), the previous period, procedures without data.
 */
const asOf = Date.parse('2026-11-20T12:00:00Z');
const electricity = ProcedureCode.ELECTRICITY_CONNECTION_LV;
const delayDays = findProcedure(electricity)!.legalDelayDays;

let serial = 0;
function fact(options: { procedure?: string; commune?: string | null; submittedMs: number; decidedMs?: number | null }): DossierFact {
  serial += 1;
  const decidedMs = options.decidedMs ?? null;
  return {
    key: `F-${serial}`,
    system: 'ceet',
    procedure: options.procedure ?? electricity,
    commune: options.commune === undefined ? 'GOLFE1' : options.commune,
    status: decidedMs === null ? DossierStatus.IN_PROGRESS : DossierStatus.COMPLETED,
    submittedMs: options.submittedMs,
    decidedMs,
    updatedMs: decidedMs ?? options.submittedMs,
  };
}

describe('aggregation floor', () => {
  // Every floor against groups just under, at and just over it.
  const cases = [1, 2, 5, 10].flatMap((floor) => [floor - 1, floor, floor + 1].filter((size) => size > 0).map((size) => [floor, size] as const));

  it.each(cases)('floor %i: a commune of %i dossiers is listed only when it reaches the floor', (floor, size) => {
    const model = createReadModel({ minGroupSize: floor });
    // A big commune keeps the whole view above the floor; the small one is the group under test.
    model.apply(Array.from({ length: floor + 20 }, () => fact({ commune: 'GOLFE1', submittedMs: asOf - 3 * DAY_MS })));
    model.apply(Array.from({ length: size }, () => fact({ commune: 'TONE1', submittedMs: asOf - 3 * DAY_MS })));
    const view = model.overview({}, asOf);
    expect(view.byCommune.some((c) => c.commune === 'TONE1')).toBe(size >= floor);
    expect(view.withheldGroups).toBe(size >= floor ? 0 : 1);
    // Withheld groups still count in the totals.
    expect(view.totals.total).toBe(floor + 20 + size);
    expect(view.belowFloor).toBe(false);
  });

  it.each(cases)('floor %i: a filter selecting %i dossiers gives figures only when it reaches the floor', (floor, size) => {
    const model = createReadModel({ minGroupSize: floor });
    model.apply(Array.from({ length: size }, () => fact({ commune: 'KOZAH1', submittedMs: asOf - 3 * DAY_MS })));
    model.apply(Array.from({ length: 30 }, () => fact({ commune: 'GOLFE2', submittedMs: asOf - 3 * DAY_MS })));
    const view = model.overview({ commune: 'KOZAH1' }, asOf);
    expect(view.belowFloor).toBe(size < floor);
    expect(view.totals.total).toBe(size < floor ? 0 : size);
    expect(view.byCommune.length + view.byProcedure.length + view.byMinistry.length).toBe(size < floor ? 0 : 3);
    // The days stay (every day of the period, zeros included) but carry no count of the withheld dossiers.
    expect(view.submittedPerDay.reduce((sum, d) => sum + d.count, 0)).toBe(size < floor ? 0 : size);
  });

  it('gives an empty selection as zeros, not as withheld', () => {
    const model = createReadModel({ minGroupSize: 5 });
    model.apply(Array.from({ length: 8 }, () => fact({ submittedMs: asOf - DAY_MS })));
    expect(model.overview({ commune: 'LACS1' }, asOf)).toMatchObject({ belowFloor: false, totals: { total: 0 } });
    expect(model.minGroupSize).toBe(5);
  });
});

describe('dossiers past their legal delay', () => {
  // Open and decided dossiers a day under, exactly at, and a day over the legal delay, in every combination.
  const offsets = [-1, 0, 1];
  const matrix = offsets.flatMap((offset) => [true, false].map((open) => ({ offset, open })));

  it.each(matrix)('counts a dossier $offset day(s) from the delay (open: $open) as the brute force does', ({ offset, open }) => {
    const model = createReadModel();
    const elapsed = (delayDays + offset) * DAY_MS;
    const submittedMs = open ? asOf - elapsed : asOf - elapsed - 5 * DAY_MS;
    model.apply([fact({ submittedMs, decidedMs: open ? null : submittedMs + elapsed })]);
    const beyond = offset > 0;
    const { totals, byProcedure } = model.overview({}, asOf);
    expect(totals.beyondLegalDelay).toBe(beyond ? 1 : 0);
    expect(totals.overdueBacklog).toBe(beyond && open ? 1 : 0);
    expect(byProcedure[0]?.figures.overdueBacklog).toBe(totals.overdueBacklog);
  });

  it('sums per procedure to the totals over a generated mix of procedures', () => {
    const model = createReadModel();
    const chosen = procedures.slice(0, 12);
    const facts = chosen.flatMap((p, i) =>
      Array.from({ length: 3 + (i % 4) }, (_, j) => {
        const ageDays = p.legalDelayDays + (j % 3) - 1 + (i % 2) * 10;
        const submittedMs = asOf - ageDays * DAY_MS - 60_000;
        return fact({ procedure: p.code, submittedMs, decidedMs: j % 2 === 0 ? null : submittedMs + ageDays * DAY_MS });
      }),
    );
    model.apply(facts);
    const view = model.overview({}, asOf);
    const sum = (pick: (f: (typeof view)['totals']) => number) => view.byProcedure.reduce((total, p) => total + pick(p.figures), 0);
    expect(sum((f) => f.overdueBacklog)).toBe(view.totals.overdueBacklog);
    expect(sum((f) => f.beyondLegalDelay)).toBe(view.totals.beyondLegalDelay);
    const brute = facts.filter((f) => {
      const delayMs = findProcedure(f.procedure)!.legalDelayDays * DAY_MS;
      return (f.decidedMs ?? asOf) - f.submittedMs > delayMs;
    });
    expect(view.totals.beyondLegalDelay).toBe(brute.length);
    expect(view.totals.overdueBacklog).toBe(brute.filter((f) => f.decidedMs === null).length);
    expect(view.totals.beyondLegalDelayShare).toBe(Math.round((brute.length / facts.length) * 10_000) / 10_000);
  });

  it('lists no procedure without dossiers, the energy & mines ministry’s included, and fails on none', () => {
    const model = createReadModel();
    model.apply([fact({ submittedMs: asOf - DAY_MS })]);
    const mines = model.overview({ ministry: 'MINES' }, asOf);
    expect(mines.byProcedure).toEqual([]);
    expect(mines.totals).toMatchObject({ total: 0, overdueBacklog: 0, beyondLegalDelay: 0 });
    for (const p of procedures.filter((q) => q.ministry === 'MINES')) expect(model.overview({ procedure: p.code }, asOf).totals.total).toBe(0);
  });
});

describe('previous period', () => {
  const periods = [
    ['2026-11-20', '2026-11-20', '2026-11-19', '2026-11-19'],
    ['2026-11-14', '2026-11-20', '2026-11-07', '2026-11-13'],
    ['2026-10-01', '2026-10-31', '2026-08-31', '2026-09-30'],
    ['2024-03-01', '2024-03-31', '2024-01-30', '2024-02-29'],
    ['2026-01-01', '2026-12-31', '2025-01-01', '2025-12-31'],
  ] as const;

  it.each(periods)('before %s – %s comes %s – %s, of the same length', (from, to, previousFrom, previousTo) => {
    expect(previousPeriodOf({ from, to, ministry: 'ENERGY' }, asOf)).toEqual({ from: previousFrom, to: previousTo, ministry: 'ENERGY' });
  });

  it('runs an open-ended period to asOf, and has none without a start', () => {
    expect(previousPeriodOf({ from: '2026-11-11' }, asOf)).toEqual({ from: '2026-11-01', to: '2026-11-10' });
    expect(previousPeriodOf({}, asOf)).toBeNull();
    expect(previousPeriodOf({ to: '2026-11-10' }, asOf)).toBeNull();
  });

  it('counts the dossiers of the previous period as a filter on it would', () => {
    const model = createReadModel();
    model.apply(Array.from({ length: 40 }, (_, i) => fact({ submittedMs: asOf - i * DAY_MS })));
    const query = { from: '2026-11-11', to: '2026-11-20' };
    const previous = previousPeriodOf(query, asOf)!;
    expect(model.overview(query, asOf).totals.total).toBe(10);
    expect(model.overview(previous, asOf).totals.total).toBe(10);
    expect(model.overview({ from: '2026-11-01', to: '2026-11-10' }, asOf).totals).toEqual(model.overview(previous, asOf).totals);
  });
});
