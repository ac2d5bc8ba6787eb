import { drawLatencyMs } from '../legacy/shared/index.js';
import { percentile, type TargetFigures } from './bench-figures.js';
import type { CredentialPool } from './credential-pool.js';
import { legacySystems, readLegacyLatency, type LegacyUrls } from './legacy-calls.js';
import { combineRuns, measureRun, warmUp } from './measure-target.js';
import type { LegacySystemName, Scenario } from './scenarios.js';
import { setLegacyMode } from './set-legacy-mode.js';
import type { Endpoint } from './start-targets.js';

/** The target: a dashboard's p50 at one connection at most this many times the one-round floor's. */
export const dashboardFloorGoal = 1.25;

/** Dashboards drawn to compute the floor: enough for its p50 and p90 to be stable to the millisecond. */
const floorSamples = 20_000;

/**
 * The physical limit of a dashboard: every legacy call it makes, all in one parallel round, each taking what the
 * simulator adds (drawn from the same log-normal distributions, read from the simulators themselves), with
 * Guichet costing nothing. Per dashboard the round lasts as long as its slowest call.
 */
export interface DashboardFloor {
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly samples: number;
  /** Calls per system in the round: each legacy operation the dashboard made, rounded to whole calls per dashboard. */
  readonly callsInRound: Readonly<Partial<Record<LegacySystemName, number>>>;
  /** The simulators' latency settings the floor was drawn from (median/p95 ms). */
  readonly latency: Readonly<Partial<Record<LegacySystemName, { readonly medianMs: number; readonly p95Ms: number }>>>;
}

export interface DashboardRoundFigures {
  /** Guichet's gateway, one connection, realistic latency. */
  readonly figures: TargetFigures;
  /** Its p90 (the shared figures keep p50, p95 and p99). */
  readonly p90Ms: number;
  /**
   * The same dashboards one at a time with the legacy latency at zero: Guichet's own critical path (gateway, five
   * planning stages, subgraphs, simulators' CPU) on this machine at this moment, which the floor leaves out.
   */
  readonly ownCost: TargetFigures;
  /** Legacy calls per dashboard, per system and operation. */
  readonly callsPerDashboard: Readonly<Partial<Record<LegacySystemName, Readonly<Record<string, number>>>>>;
  readonly floor: DashboardFloor;
}

export interface DashboardRoundOptions {
  readonly gateway: Omit<Endpoint, 'requests'>;
  readonly dashboard: Scenario;
  readonly credentials: CredentialPool;
  readonly legacyUrls: LegacyUrls;
  readonly durationS: number;
  readonly warmupS: number;
  readonly log: (line: string) => void;
  /** The draws' source of randomness (tests); default Math.random. */
  readonly random?: () => number;
}

/**
 * Issue 16, target 1: CitizenDashboard at ONE connection on Guichet's gateway with the simulators' realistic latency
 * (a latency figure, not a saturation one), beside the one-round floor computed from the same latency settings and
 * the calls the dashboards actually made. Leaves the simulators in throughput mode.
 */
export async function measureDashboardRound(options: DashboardRoundOptions): Promise<DashboardRoundFigures> {
  const { legacyUrls, log } = options;
  const endpoint: Endpoint = { ...options.gateway, requests: options.dashboard.requests };
  // Every dashboard from the ministries' systems: the figure is the legacy round's critical path, which an answer
  // served whole by the private response cache (a returning citizen's, proven unchanged) does not have.
  const settings = { connections: 1, offset: 0, sendInternalToken: false, headers: { 'cache-control': 'no-cache' } };
  await setLegacyMode(legacyUrls, 'throughput');
  log(`dashboard at one connection, legacy latency 0 (Guichet's own cost): ${Math.ceil(options.durationS / 2)} s`);
  await warmUp(endpoint, options.credentials, { ...settings, durationS: options.warmupS, runId: 'dashboard-own-warmup' });
  const own = await measureRun(endpoint, options.credentials, legacyUrls, { ...settings, durationS: Math.ceil(options.durationS / 2), runId: 'dashboard-own' });
  const ownCost = combineRuns('guichet', [own]);
  await setLegacyMode(legacyUrls, 'latency');
  try {
    const latency = Object.fromEntries(await Promise.all(legacySystems.map(async (s) => [s, await readLegacyLatency(legacyUrls, s)] as const))) as Record<
      LegacySystemName,
      { medianMs: number; p95Ms: number }
    >;
    log(`dashboard at one connection (realistic latency): ${options.durationS} s`);
    await warmUp(endpoint, options.credentials, { ...settings, durationS: options.warmupS, runId: 'dashboard-round-warmup' });
    const run = await measureRun(endpoint, options.credentials, legacyUrls, { ...settings, durationS: options.durationS, runId: 'dashboard-round' });
    const figures = combineRuns('guichet', [run]);
    const p90Ms = percentile(
      [...run.load.latenciesMs].sort((a, b) => a - b),
      0.9,
    );
    const callsPerDashboard = perDashboard(figures);
    const floor = oneRoundFloor(latency, callsPerDashboard, options.random);
    log(
      `dashboard at one connection: p50 ${figures.p50Ms.toFixed(0)} ms, p90 ${p90Ms.toFixed(0)} ms against a one-round floor of ${floor.p50Ms.toFixed(0)} ms (${(figures.p50Ms / floor.p50Ms).toFixed(2)}×)`,
    );
    return { figures, p90Ms, ownCost, callsPerDashboard, floor };
  } finally {
    await setLegacyMode(legacyUrls, 'throughput');
  }
}

function perDashboard(figures: TargetFigures): Record<LegacySystemName, Record<string, number>> {
  const per = (calls: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(calls).map(([op, n]) => [op, figures.sent === 0 ? 0 : n / figures.sent]));
  return Object.fromEntries(legacySystems.map((s) => [s, per(figures.legacyCalls[s])])) as Record<LegacySystemName, Record<string, number>>;
}

/**
 * The floor from the simulators' latency settings: each system's calls in the one round (each operation's calls per
 * dashboard, rounded), drawn independently with the simulators' own `drawLatencyMs`; the slowest sets the round.
 */
export function oneRoundFloor(
  // Partial: a system the bench knows nothing of (one just added with new:ministry) takes no part in the round.
  latency: Readonly<Partial<Record<LegacySystemName, { readonly medianMs: number; readonly p95Ms: number }>>>,
  callsPerDashboard: Readonly<Partial<Record<LegacySystemName, Readonly<Record<string, number>>>>>,
  random: () => number = Math.random,
  samples = floorSamples,
): DashboardFloor {
  const callsInRound: Partial<Record<LegacySystemName, number>> = Object.fromEntries(
    legacySystems.map((s) => [s, Object.values(callsPerDashboard[s] ?? {}).reduce((sum, perOp) => sum + Math.round(perOp), 0)]),
  );
  for (const system of legacySystems) if ((callsInRound[system] ?? 0) > 0 && latency[system] === undefined) throw new Error(`no latency setting for ${system}, which the dashboards called`);
  const rounds: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    let slowest = 0;
    for (const system of legacySystems) {
      const setting = latency[system];
      if (setting) for (let c = 0; c < (callsInRound[system] ?? 0); c += 1) slowest = Math.max(slowest, drawLatencyMs(setting, random));
    }
    rounds.push(slowest);
  }
  rounds.sort((a, b) => a - b);
  return { p50Ms: percentile(rounds, 0.5), p90Ms: percentile(rounds, 0.9), samples, callsInRound, latency };
}
