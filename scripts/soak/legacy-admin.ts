import { createSimulatorAdmin, type FaultSettings } from '../../legacy/shared/index.js';
import type { SoakSystem } from './plan-submissions.js';

export type LegacyUrls = Readonly<Record<SoakSystem, string>>;

/** Sets a simulator's faults (PUT: whatever was set before is replaced). Throws when the simulator refuses them. */
export async function setLegacyFaults(legacyUrls: LegacyUrls, system: SoakSystem, faults: Readonly<Partial<FaultSettings>>): Promise<void> {
  await createSimulatorAdmin(legacyUrls[system], system).setFaults(faults);
}

/** Back to the simulator's start-up knobs: no faults. */
export async function resetLegacy(legacyUrls: LegacyUrls, system: SoakSystem): Promise<void> {
  await createSimulatorAdmin(legacyUrls[system], system).reset();
}

/** Sets a simulator's added latency (0/0: none). */
export async function setLegacyLatency(legacyUrls: LegacyUrls, system: SoakSystem, medianMs: number, p95Ms: number): Promise<void> {
  await createSimulatorAdmin(legacyUrls[system], system).setLatency({ medianMs, p95Ms });
}
