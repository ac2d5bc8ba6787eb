import type { Logger } from '../../../lib/log/index.js';
import { createPgPool, migratePostgres } from '../../../lib/postgres/index.js';
import { createStoreHealth, type StoreHealth, type StoreStatus } from '../../../lib/store-health/index.js';
import { createPostgresSubmissionStore, outboxPostgresComponent, outboxPostgresMigrations, type SubmissionStore } from '../../../outbox/index.js';
import { createLastKnownStore, createPostgresLastKnownStore, lastKnownPostgresComponent, lastKnownPostgresMigrations, type LastKnown } from '../fallback/index.js';
import type { MinistryDatabaseConfig } from './ministry-database-config.js';

/** Every table set a ministry subgraph keeps in PostgreSQL, in the order they are applied (for `npm run db:migrate` too). */
export const ministryPostgresMigrations: readonly { readonly component: string; readonly migrations: readonly string[] }[] = [
  { component: outboxPostgresComponent, migrations: outboxPostgresMigrations },
  { component: lastKnownPostgresComponent, migrations: lastKnownPostgresMigrations },
];

export interface MinistryStores<R> {
  /** The scaled outbox store; undefined: the embedded SQLite file (`createMinistryOutbox`'s default). */
  readonly outboxStore: SubmissionStore | undefined;
  readonly lastKnown: LastKnown<R>;
  /** Each store's reachability, for `/ready` and `/metrics` (empty in the embedded mode). */
  readonly health: readonly StoreHealth[];
  /** After the outbox is closed: last writes of the last-known values, then the pool. */
  close(): Promise<void>;
}

export interface MinistryStoresOptions {
  /** The subgraph's name: the pool's application name and the last-known values' scope. */
  readonly name: string;
  readonly database: MinistryDatabaseConfig | null;
  readonly lastKnown: { readonly maxEntries: number; readonly maxAgeMs: number };
  readonly log: Logger;
}

/**
 * A ministry subgraph's stores, embedded or scaled. Scaled: one bounded pool for both, the migrations applied first
 * (under an advisory lock: replicas starting together apply them once); a database unreachable at start-up fails
 * the start (the orchestrator restarts the process), one lost later is survived.
 */
export async function openMinistryStores<R>({ name, database, lastKnown, log }: MinistryStoresOptions): Promise<MinistryStores<R>> {
  const local = createLastKnownStore<R>(lastKnown);
  if (!database) return { outboxStore: undefined, lastKnown: local, health: [], close: async () => undefined };

  const storesLog = log.child({ component: 'stores' });
  const pool = createPgPool({ url: database.url, applicationName: `guichet-${name}`, max: database.poolMax, onError: (error) => storesLog.warn({ err: error }, 'idle PostgreSQL connection lost') });
  try {
    for (const { component, migrations } of ministryPostgresMigrations) await migratePostgres(pool, component, migrations);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const onChange = (status: StoreStatus) => {
    if (status.up) storesLog.info({ store: status.store, engine: status.engine }, 'store reachable again');
    else storesLog.error({ store: status.store, engine: status.engine, error: status.lastError, whileDown: status.whileDown }, 'store unreachable');
  };
  // The outbox's accept path fails closed; last-known values fall back to this process's own LRU.
  const outboxHealth = createStoreHealth({ store: 'outbox', engine: 'postgres', whileDown: 'fail-closed', onChange });
  const lastKnownHealth = createStoreHealth({ store: 'last-known', engine: 'postgres', whileDown: 'local-fallback', onChange });
  const shared = createPostgresLastKnownStore<R>({ pool, scope: name, local, maxAgeMs: lastKnown.maxAgeMs, health: lastKnownHealth, log: storesLog });
  storesLog.info({ poolMax: database.poolMax }, 'outbox and last-known values in PostgreSQL');
  return {
    outboxStore: createPostgresSubmissionStore({ pool, health: outboxHealth }),
    lastKnown: shared,
    health: [outboxHealth, lastKnownHealth],
    async close() {
      await shared.close();
      await pool.end();
    },
  };
}
