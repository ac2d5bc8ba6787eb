import { createSimulatorAdmin } from '../legacy/shared/index.js';
import type { BenchMode } from './bench-options.js';
import { legacySystems, readLegacyLatency, type LegacyUrls } from './legacy-calls.js';

/**
 * Switches the simulators at run time, so one stack serves both modes: `throughput` sets their added latency to
 * zero; `latency` puts back the realistic distributions they started with (POST /__admin/reset).
 */
export async function setLegacyMode(urls: LegacyUrls, mode: BenchMode): Promise<void> {
  await Promise.all(
    legacySystems.map(async (system) => {
      const admin = createSimulatorAdmin(urls[system], system);
      await (mode === 'throughput' ? admin.setLatency({ medianMs: 0, p95Ms: 0 }) : admin.reset());
    }),
  );
}

/** Each simulator's realistic latency as `median/p95` (read before anything changes it). */
export async function describeLegacyLatency(urls: LegacyUrls): Promise<Record<string, string>> {
  const entries = await Promise.all(legacySystems.map(async (system) => [system, await readLegacyLatency(urls, system)] as const));
  return Object.fromEntries(entries.map(([system, l]) => [system, `${l.medianMs}/${l.p95Ms}`]));
}
