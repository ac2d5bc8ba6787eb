import { inject } from 'vitest';
import { createSimulatorAdmin, feedOperations, type FaultSettings, type SimulatorAdmin } from '../../legacy/shared/index.js';
import type { LegacySystem } from '../../schema/index.js';

type System = LegacySystem;

const admin = (system: System): SimulatorAdmin => createSimulatorAdmin(inject('legacyUrls')[system], system);

/** Drives a simulator's admin endpoint: faults, call counters. */
export const legacyAdmin = {
  /**
   * The system's call counter without its change feed: the supervision read model polls it in the background and no
   * request a test makes calls it, so "nothing reached the legacy system" stays true.
   */
  async calls(system: System): Promise<Record<string, number>> {
    const background = new Set(feedOperations[system]);
    return Object.fromEntries(Object.entries(await admin(system).calls()).filter(([operation]) => !background.has(operation)));
  },
  async resetCalls(system: System): Promise<void> {
    await admin(system).resetCalls();
  },
  async setFaults(system: System, faults: Readonly<Partial<FaultSettings>>): Promise<void> {
    await admin(system).setFaults(faults);
  },
  async reset(system: System): Promise<void> {
    await admin(system).reset();
  },
};
