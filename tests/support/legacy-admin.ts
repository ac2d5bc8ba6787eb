import { inject } from 'vitest';

type System = 'rnec' | 'ceet' | 'urbanisme';

/** Drives a simulator's admin endpoint: faults, call counters. */
export const legacyAdmin = {
  async calls(system: System): Promise<Record<string, number>> {
    const response = await fetch(`${inject('legacyUrls')[system]}/__admin/calls`);
    return (await response.json()) as Record<string, number>;
  },
  async resetCalls(system: System): Promise<void> {
    await fetch(`${inject('legacyUrls')[system]}/__admin/calls`, { method: 'DELETE' });
  },
  async setFaults(system: System, faults: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${inject('legacyUrls')[system]}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
    if (!response.ok) throw new Error(`cannot set faults on ${system}: ${await response.text()}`);
  },
  async reset(system: System): Promise<void> {
    await fetch(`${inject('legacyUrls')[system]}/__admin/reset`, { method: 'POST' });
  },
};
