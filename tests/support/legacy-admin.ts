import { inject } from 'vitest';
import type { LegacySystem } from '../../schema/index.js';

type System = LegacySystem;

/**
 * The change feeds the supervision read model polls in the background (every SUPERVISION_POLL_MS): no request a test
 * makes calls them, so the call counters leave them out ("nothing reached the legacy system" stays true).
 */
const backgroundOperations = new Set(['ListerDemandesModifiees', 'v2.demandesModifiees', 'demandesModifiees', 'changements']);

/** Drives a simulator's admin endpoint: faults, call counters. */
export const legacyAdmin = {
  async calls(system: System): Promise<Record<string, number>> {
    const response = await fetch(`${inject('legacyUrls')[system]}/__admin/calls`);
    const calls = (await response.json()) as Record<string, number>;
    return Object.fromEntries(Object.entries(calls).filter(([operation]) => !backgroundOperations.has(operation)));
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
