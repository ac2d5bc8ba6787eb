import { describe, expect, it } from 'vitest';
import { drawLatencyMs } from '../legacy/shared/index.js';
import { percentile } from './bench-figures.js';
import { checkDashboardRound } from './check-targets.js';
import { oneRoundFloor, type DashboardRoundFigures } from './measure-dashboard-round.js';
import { noLegacyCalls } from './legacy-calls.js';

const latency = { rnec: { medianMs: 120, p95Ms: 600 }, ceet: { medianMs: 60, p95Ms: 250 }, urbanisme: { medianMs: 80, p95Ms: 300 }, mines: { medianMs: 120, p95Ms: 400 } };

/** A seeded generator (mulberry32): the floor's draws are the same from run to run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('the one-round floor', () => {
  it('counts each operation’s calls per dashboard, rounded, as the calls of its system in the round', () => {
    const floor = oneRoundFloor(
      latency,
      { rnec: { ConsulterPersonnes: 1, ListerActes: 0.98, ListerDemandes: 1.01, SuivreDemande: 2.4 }, ceet: { listerDemandes: 1 }, urbanisme: { listerDossiers: 1 }, mines: {} },
      seeded(1),
      200,
    );
    expect(floor.callsInRound).toEqual({ rnec: 5, ceet: 1, urbanisme: 1, mines: 0 });
  });

  it('is the p50 of the slowest call per dashboard, drawn from the simulators’ own distributions', () => {
    const calls = { rnec: { a: 1 }, ceet: { b: 1 }, urbanisme: {}, mines: {} };
    const floor = oneRoundFloor(latency, calls, seeded(7), 5_000);
    // The same draws by hand, in the same order.
    const random = seeded(7);
    const rounds = Array.from({ length: 5_000 }, () => Math.max(drawLatencyMs(latency.rnec, random), drawLatencyMs(latency.ceet, random))).sort((x, y) => x - y);
    expect(floor.p50Ms).toBe(percentile(rounds, 0.5));
    expect(floor.p90Ms).toBe(percentile(rounds, 0.9));
    // One system alone: its own median; more calls in the round: a higher floor.
    expect(oneRoundFloor(latency, { rnec: { a: 1 }, ceet: {}, urbanisme: {}, mines: {} }, seeded(3), 20_000).p50Ms).toBeGreaterThan(110);
    expect(oneRoundFloor(latency, { rnec: { a: 1 }, ceet: {}, urbanisme: {}, mines: {} }, seeded(3), 20_000).p50Ms).toBeLessThan(130);
    expect(oneRoundFloor(latency, { rnec: { a: 3 }, ceet: { b: 1 }, urbanisme: { c: 1 }, mines: { d: 1 } }, seeded(3), 20_000).p50Ms).toBeGreaterThan(floor.p50Ms);
  });
});

describe('the dashboard targets', () => {
  const round = (p50Ms: number, callsPerDashboard: DashboardRoundFigures['callsPerDashboard']): DashboardRoundFigures => ({
    figures: {
      target: 'guichet',
      sent: 100,
      responses: 100,
      durationS: 10,
      requestsPerSecond: 10,
      requestsPerSecondByRound: [10],
      p50Ms,
      p95Ms: p50Ms * 2,
      p99Ms: p50Ms * 3,
      errors: { non2xx: 0, graphql: 0, transport: 0 },
      errorSamples: [],
      legacyCalls: noLegacyCalls,
    },
    p90Ms: p50Ms * 1.5,
    ownCost: {
      target: 'guichet',
      sent: 10,
      responses: 10,
      durationS: 5,
      requestsPerSecond: 2,
      requestsPerSecondByRound: [2],
      p50Ms: 20,
      p95Ms: 30,
      p99Ms: 40,
      errors: { non2xx: 0, graphql: 0, transport: 0 },
      errorSamples: [],
      legacyCalls: noLegacyCalls,
    },
    callsPerDashboard,
    floor: { p50Ms: 200, p90Ms: 400, samples: 1, callsInRound: { rnec: 1, ceet: 1, urbanisme: 1, mines: 1 }, latency },
  });
  const one = { rnec: { ListerDemandes: 1 }, ceet: { listerDemandes: 1 }, urbanisme: { listerDossiers: 1 }, mines: { listerDossiers: 1 } };

  it('met at 1.25× the floor, missed above, with the margin', () => {
    const [met, calls] = checkDashboardRound(round(250, one));
    expect(met).toMatchObject({ verdict: 'met' });
    expect(calls).toMatchObject({ verdict: 'met' });
    const [missed] = checkDashboardRound(round(300, one));
    expect(missed).toMatchObject({ verdict: 'missed' });
    expect(missed?.detail).toContain('1.50×');
  });

  it('a system with several operations per dashboard misses the one-call target, and is named', () => {
    const [, calls] = checkDashboardRound(round(250, { ...one, rnec: { ConsulterPersonnes: 1, ListerActes: 1, ListerDemandes: 1 } }));
    expect(calls).toMatchObject({ verdict: 'missed' });
    expect(calls?.detail).toContain('rnec (3 operation(s) in the same round)');
  });

  it('not measured without the figure', () => {
    expect(checkDashboardRound(undefined).map((c) => c.verdict)).toEqual(['not measured', 'not measured']);
  });
});
