import { policyEvents, type LegacySystem } from '../../../adapters/shared/index.js';
import type { StoreHealth } from '../../../lib/store-health/index.js';
import type { Backlog } from '../../../outbox/index.js';

/**
 * A ministry subgraph's readiness details: its legacy system's circuit, the applications waiting in its outbox and,
 * in the scaled mode, whether its stores reach PostgreSQL. Degraded (not unready) when the circuit is not closed,
 * something waits, or a store is down: the subgraph still serves reads (a database outage on every replica at once
 * must not become a ministry outage); filing fails closed meanwhile, with BACKEND_UNAVAILABLE.
 */
export function ministryReadiness(system: LegacySystem, outbox: { backlog(): Promise<Backlog> }, stores: readonly StoreHealth[] = []) {
  return async () => {
    const circuit = policyEvents.snapshot()[system]?.circuit ?? 'closed';
    // Scaled: the backlog lives in PostgreSQL, unknown while it is unreachable. Embedded: a failing file fails the check.
    const backlog = stores.length > 0 ? await outbox.backlog().catch(() => null) : await outbox.backlog();
    const statuses = stores.map((store) => store.status());
    const storesDown = statuses.some((status) => !status.up) || backlog === null;
    return {
      degraded: circuit !== 'closed' || backlog === null || backlog.pending > 0 || storesDown,
      legacy: { [system]: { circuit } },
      outbox: backlog,
      ...(statuses.length > 0 ? { stores: statuses } : {}),
    };
  };
}
