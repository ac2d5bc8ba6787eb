import { createSimulatorAdmin, feedOperations } from '../legacy/shared/index.js';
import type { LegacySystemName } from './scenarios.js';

export type LegacyUrls = Readonly<Record<LegacySystemName, string>>;
export const legacySystems: readonly LegacySystemName[] = ['rnec', 'ceet', 'urbanisme'];

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
  return { rnec: sum(a.rnec, b.rnec), ceet: sum(a.ceet, b.ceet), urbanisme: sum(a.urbanisme, b.urbanisme) };
}

export const noLegacyCalls: LegacyCalls = { rnec: {}, ceet: {}, urbanisme: {} };

/**
 * The calls the requests made, apart from the change-feed polls the supervision read model makes in the background
 * meanwhile (every SUPERVISION_POLL_MS, whatever the load): those would otherwise count against a scenario.
 */
export function splitFeedCalls(calls: LegacyCalls): { readonly requests: LegacyCalls; readonly feeds: LegacyCalls } {
  const part = (system: LegacySystemName, feeds: boolean) => Object.fromEntries(Object.entries(calls[system]).filter(([op]) => feedOperations[system].includes(op) === feeds));
  const split = (feeds: boolean): LegacyCalls => ({ rnec: part('rnec', feeds), ceet: part('ceet', feeds), urbanisme: part('urbanisme', feeds) });
  return { requests: split(false), feeds: split(true) };
}
