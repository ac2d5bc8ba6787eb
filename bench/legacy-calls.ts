import type { LegacySystemName } from './scenarios.js';

export type LegacyUrls = Readonly<Record<LegacySystemName, string>>;
export const legacySystems: readonly LegacySystemName[] = ['rnec', 'ceet', 'urbanisme'];

/** Per system, per legacy operation, how many calls the simulator counted. */
export type LegacyCalls = Readonly<Record<LegacySystemName, Readonly<Record<string, number>>>>;

/** Zeroes every simulator's call counter (before a measured run). */
export async function resetLegacyCalls(urls: LegacyUrls): Promise<void> {
  await Promise.all(
    legacySystems.map(async (system) => {
      const response = await fetch(`${urls[system]}/__admin/calls`, { method: 'DELETE' });
      if (!response.ok) throw new Error(`${system} refused to reset its call counter: HTTP ${response.status}`);
    }),
  );
}

/** Every simulator's call counter (after a measured run). */
export async function readLegacyCalls(urls: LegacyUrls): Promise<LegacyCalls> {
  const entries = await Promise.all(
    legacySystems.map(async (system): Promise<[LegacySystemName, Record<string, number>]> => {
      const response = await fetch(`${urls[system]}/__admin/calls`);
      if (!response.ok) throw new Error(`${system} refused its call counter: HTTP ${response.status}`);
      return [system, (await response.json()) as Record<string, number>];
    }),
  );
  return Object.fromEntries(entries) as LegacyCalls;
}

/** The added latency a simulator applies now (median and p95, ms). */
export async function readLegacyLatency(urls: LegacyUrls, system: LegacySystemName): Promise<{ readonly medianMs: number; readonly p95Ms: number }> {
  const response = await fetch(`${urls[system]}/__admin/faults`);
  if (!response.ok) throw new Error(`${system} refused its knobs: HTTP ${response.status}`);
  return ((await response.json()) as { latency: { medianMs: number; p95Ms: number } }).latency;
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
