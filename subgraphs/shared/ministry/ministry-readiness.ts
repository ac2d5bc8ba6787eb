import { policyEvents, type LegacySystem } from '../../../adapters/shared/index.js';
import type { Backlog } from '../../../outbox/index.js';

/**
 * A ministry subgraph's readiness details: its legacy system's circuit and the applications waiting in its outbox.
 * Degraded (not unready) when the circuit is not closed or something waits: the subgraph still serves.
 */
export function ministryReadiness(system: LegacySystem, outbox: { backlog(): Promise<Backlog> }) {
  return async () => {
    const circuit = policyEvents.snapshot()[system]?.circuit ?? 'closed';
    const backlog = await outbox.backlog();
    return { degraded: circuit !== 'closed' || backlog.pending > 0, legacy: { [system]: { circuit } }, outbox: backlog };
  };
}
