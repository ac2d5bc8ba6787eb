import type { PgPool } from '../../../lib/postgres/index.js';
import type { StoreHealth } from '../../../lib/store-health/index.js';

export interface LeaderLease {
  /** This replica's id in the lease row (unique per process). */
  readonly holder: string;
  /**
   * Takes the lease if it is free or expired, or extends it if this replica holds it, for `leaseMs` from now by the
   * database's clock. The lease's term (it grows at each change of holder) while this replica holds it, else null.
   */
  acquireOrRenew(): Promise<number | null>;
  /** Gives the lease up at once (a clean stop): another replica takes it at its next attempt. */
  release(): Promise<void>;
}

export interface PostgresLeaderLeaseOptions {
  readonly pool: PgPool;
  readonly holder: string;
  readonly leaseMs: number;
  /** Where the attempts' failures to reach the database are recorded (the read model store's). */
  readonly health?: StoreHealth;
}

/**
 * One row, `supervision_leader`, in the read model's own database (its migrations create it): the leader renews it
 * before it expires; any other replica takes it over once expired. Expiry is the database's clock, so the replicas'
 * clocks never have to agree. A save holds the row `FOR SHARE` (postgres-read-model-store.ts), so a takeover waits
 * for the former leader's last save to commit, and a save after expiry is refused.
 */
export function createPostgresLeaderLease({ pool, holder, leaseMs, health }: PostgresLeaderLeaseOptions): LeaderLease {
  const track = <T>(operation: () => Promise<T>) => (health ? health.track(operation) : operation());
  return {
    holder,
    async acquireOrRenew() {
      const { rows } = await track(() =>
        pool.query<{ term: string }>(
          `INSERT INTO supervision_leader (id, holder, term, expires_at) VALUES (1, $1, 1, clock_timestamp() + $2 * interval '1 millisecond')
           ON CONFLICT (id) DO UPDATE SET
             term = CASE WHEN supervision_leader.holder = excluded.holder AND supervision_leader.expires_at > clock_timestamp()
                         THEN supervision_leader.term ELSE supervision_leader.term + 1 END,
             holder = excluded.holder,
             expires_at = excluded.expires_at
           WHERE supervision_leader.holder = excluded.holder OR supervision_leader.expires_at <= clock_timestamp()
           RETURNING term`,
          [holder, leaseMs],
        ),
      );
      return rows[0] === undefined ? null : Number(rows[0].term);
    },
    async release() {
      await track(() => pool.query('UPDATE supervision_leader SET expires_at = clock_timestamp() WHERE id = 1 AND holder = $1', [holder]));
    },
  };
}
