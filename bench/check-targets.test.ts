import { describe, expect, it } from 'vitest';
import type { BenchFigures, TargetFigures } from './bench-figures.js';
import type { BenchMode } from './bench-options.js';
import { checkTargets } from './check-targets.js';

const row = (target: string, requestsPerSecond: number, errors = 0): TargetFigures =>
  ({
    target,
    sent: 100,
    responses: 100,
    durationS: 8,
    requestsPerSecond,
    requestsPerSecondByRound: [requestsPerSecond],
    p50Ms: 10,
    p95Ms: 20,
    p99Ms: 30,
    errors: { non2xx: errors, graphql: 0, transport: 0 },
    errorSamples: [],
    legacyCalls: { rnec: {}, ceet: {}, urbanisme: {}, mines: {} },
  }) as unknown as TargetFigures;

/** A run with only the dashboard scenario, Guichet and the stock gateway at the given req/s in each mode. */
const figuresOf = (rates: Partial<Record<BenchMode, [guichet: number, apollo: number, guichetErrors?: number]>>): BenchFigures =>
  ({
    parameters: { connections: 50 },
    scenarios: Object.entries(rates).map(([mode, [guichet, apollo, errors]]) => ({ scenario: 'dashboard', mode, targets: [row('guichet', guichet, errors), row('apollo', apollo)] })),
    scaling: [],
    dossierCounts: [],
  }) as unknown as BenchFigures;

const targetTwo = (figures: BenchFigures) => checkTargets(figures).filter((c) => c.goal.startsWith('dashboard ≥ 2× stock'));

describe('issue 16, target 2: dashboard ≥ 2× the stock gateway in both modes', () => {
  it.each<[string, Partial<Record<BenchMode, [number, number, number?]>>, string[]]>([
    ['met in both', { throughput: [100, 50], latency: [90, 40] }, ['met', 'met']],
    ['missed in latency mode only', { throughput: [100, 50], latency: [60, 40] }, ['met', 'missed']],
    ['missed in both', { throughput: [50, 40], latency: [48, 48] }, ['missed', 'missed']],
    ['latency mode not run', { throughput: [100, 40] }, ['met', 'not measured']],
    ['Guichet failing is not a ratio', { throughput: [100, 40, 50], latency: [100, 40] }, ['not measured', 'met']],
  ])('%s', (_name, rates, verdicts) => {
    const checks = targetTwo(figuresOf(rates));
    expect(checks.map((c) => c.goal)).toEqual([expect.stringContaining('throughput'), expect.stringContaining('latency')]);
    expect(checks.map((c) => c.verdict)).toEqual(verdicts);
  });
});
