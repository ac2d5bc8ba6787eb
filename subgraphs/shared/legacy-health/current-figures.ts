import { legacyHealth, policyEvents, type LegacyHealth, type LegacySystem, type PolicyEvents } from '../../../adapters/shared/index.js';
import type { LegacySystemFigures } from './legacy-system-figures.js';
import { legacySystemNames } from './system-names.js';

/** The figures of `system` in this process now: call window from the health tracker, circuit from the policy. */
export function currentLegacyFigures(system: LegacySystem, health: LegacyHealth = legacyHealth, events: PolicyEvents = policyEvents): LegacySystemFigures {
  const figures = health.figures(system);
  return {
    name: legacySystemNames[system],
    successRate: figures.successRate,
    latencyMsP50: round(figures.latencyMsP50),
    latencyMsP95: round(figures.latencyMsP95),
    calls: figures.calls,
    circuit: events.snapshot()[system]?.circuit ?? 'closed',
    lastFailureAt: figures.lastFailureAt,
    lastFailureCode: figures.lastFailureCode,
  };
}

const round = (ms: number | null) => (ms === null ? null : Math.round(ms * 10) / 10);
