import type { SoakSystem } from './plan-submissions.js';

export type LegacyUrls = Readonly<Record<SoakSystem, string>>;

/** Sets a simulator's faults (PUT: whatever was set before is replaced). Throws when the simulator refuses them. */
export async function setLegacyFaults(legacyUrls: LegacyUrls, system: SoakSystem, faults: Readonly<Record<string, unknown>>): Promise<void> {
  const response = await fetch(`${legacyUrls[system]}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  if (!response.ok) throw new Error(`${system} refused faults ${JSON.stringify(faults)}: HTTP ${response.status} ${await response.text()}`);
}

/** Back to the simulator's start-up knobs: no faults. */
export async function resetLegacy(legacyUrls: LegacyUrls, system: SoakSystem): Promise<void> {
  const response = await fetch(`${legacyUrls[system]}/__admin/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`${system} refused its reset: HTTP ${response.status}`);
}

/** Sets a simulator's added latency (0/0: none). */
export async function setLegacyLatency(legacyUrls: LegacyUrls, system: SoakSystem, medianMs: number, p95Ms: number): Promise<void> {
  const response = await fetch(`${legacyUrls[system]}/__admin/latency`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ medianMs, p95Ms }) });
  if (!response.ok) throw new Error(`${system} refused latency ${medianMs}/${p95Ms}: HTTP ${response.status}`);
}
