import { createPgPool } from '../../../lib/postgres/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { createStoreHealth, type StoreHealth } from '../../../lib/store-health/index.js';
import { createPostgresWebhookStore } from './postgres-webhook-store.js';
import { createSqliteWebhookStore } from './sqlite-webhook-store.js';
import type { WebhookStore } from './webhook-store.js';

export interface WebhookStoreConfig {
  /** SQLite file (or `:memory:`), when `database` is null. */
  readonly storePath: string;
  readonly database: { readonly url: string; readonly poolMax: number } | null;
}

/** The configured store (PostgreSQL in scaled mode, else SQLite), with the health `/ready` and `/metrics` read. */
export async function openWebhookStore(config: WebhookStoreConfig, log: Logger): Promise<{ readonly store: WebhookStore; readonly health: StoreHealth }> {
  const onChange = (status: { readonly up: boolean; readonly lastError: string | null }) =>
    status.up ? log.info('webhooks store reachable again') : log.error({ error: status.lastError }, 'webhooks store unreachable: deliveries wait, registrations fail');
  if (config.database === null) {
    const health = createStoreHealth({ store: 'webhooks', engine: 'sqlite', whileDown: 'fail-closed', onChange });
    return { store: createSqliteWebhookStore({ path: config.storePath, health }), health };
  }
  const pool = createPgPool({
    url: config.database.url,
    applicationName: 'guichet-webhooks',
    max: config.database.poolMax,
    onError: (error) => log.warn({ err: error }, 'webhooks store: idle connection lost'),
  });
  const health = createStoreHealth({ store: 'webhooks', engine: 'postgres', whileDown: 'fail-closed', onChange });
  const store = createPostgresWebhookStore({ pool, health });
  return {
    store: {
      ...store,
      async close() {
        await store.close();
        await pool.end();
      },
    },
    health,
  };
}
