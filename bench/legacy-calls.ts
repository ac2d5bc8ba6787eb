import { createSimulatorAdmin, feedOperations } from '../legacy/shared/index.js';
import { legacySystems as allLegacySystems } from '../schema/index.js';
import type { LegacySystemName } from './scenarios.js';

export type LegacyUrls = Readonly<Record<LegacySystemName, string>>;
export const legacySystems: readonly LegacySystemName[] = allLegacySystems;

const perSystem = <T>(value: (system: LegacySystemName) => T): Record<LegacySystemName, T> => Object.fromEntries(legacySystems.map((s) => [s, value(s)])) as Record<LegacySystemName, T>;

/** Per system, per legacy operation, how many calls the simulator counted. */
export type LegacyCalls = Readonly<Record<LegacySystemName, Readonly<Record<string, number>>>>;

/** Zeroes every simulator's call counter (before a measured run). */
export async function resetLegacyCalls(urls: LegacyUrls): Promise<void> {
  await Promise.all(legacySystems.map((system) => createSimulatorAdmin(urls[system], system).resetCalls()));
}

/** Every simulator's call counter (after a measured run). */
export async function readLegacyCalls(urls: LegacyUrls): Promise<LegacyCalls> {
  const entries = await Promise.all(legacySystems.map(async (system) => [system, await createSimulatorAdmin(urls[system], system).calls()] as const));
  return Object.fromEntries(entries) as LegacyCalls;
}

/** The added latency a simulator applies now (median and p95, ms). */
export async function readLegacyLatency(urls: LegacyUrls, system: LegacySystemName): Promise<{ readonly medianMs: number; readonly p95Ms: number }> {
  return (await createSimulatorAdmin(urls[system], system).knobs()).latency;
}

/** Sums two counters (several runs of one target). */
export function addLegacyCalls(a: LegacyCalls, b: LegacyCalls): LegacyCalls {
  const sum = (x: Readonly<Record<string, number>>, y: Readonly<Record<string, number>>) => {
    const out: Record<string, number> = { ...x };
    for (const [op, n] of Object.entries(y)) out[op] = (out[op] ?? 0) + n;
    return out;
  };
  return perSystem((s) => sum(a[s], b[s]));
}

export const noLegacyCalls: LegacyCalls = perSystem(() => ({}));

/**
 * The calls the requests made, apart from the change-feed polls the supervision read model makes in the background
 * meanwhile (every SUPERVISION_POLL_MS, whatever the load): those would otherwise count against a scenario.
 */
export function splitFeedCalls(calls: LegacyCalls): { readonly requests: LegacyCalls; readonly feeds: LegacyCalls } {
  const part = (system: LegacySystemName, feeds: boolean) => Object.fromEntries(Object.entries(calls[system]).filter(([op]) => feedOperations[system].includes(op) === feeds));
  const split = (feeds: boolean): LegacyCalls => perSystem((s) => part(s, feeds));
  return { requests: split(false), feeds: split(true) };
}
