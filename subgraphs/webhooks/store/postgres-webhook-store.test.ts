import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCursor } from '../../../events/index.js';
import { createPgPool, migratePostgres, type PgPool } from '../../../lib/postgres/index.js';
import { createStoreHealth } from '../../../lib/store-health/index.js';
import { startPostgresServer, type PostgresServer } from '../../../scripts/servers/index.js';
import { webhooksPostgresComponent, webhooksPostgresMigrations } from './postgres-migrations.js';
import { createPostgresWebhookStore } from './postgres-webhook-store.js';
import { attempt, eventDelivery, newWebhook, T0 } from './test-support/webhook-fixtures.js';
import { describeWebhookStoreContract } from './test-support/webhook-store-contract.js';

let server: PostgresServer;
const pools: PgPool[] = [];
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  await server?.destroy();
});

let databases = 0;
const freshDatabase = () => server.createDatabase(`webhooks_${(databases += 1)}`);
/** One pool per replica: two replicas are two processes. */
const poolOf = (url: string) => {
  const pool = createPgPool({ url, applicationName: 'webhooks-test', max: 4, connectionTimeoutMs: 2_000 });
  pools.push(pool);
  return pool;
};

describeWebhookStoreContract('PostgreSQL store (two replicas)', async () => {
  const url = await freshDatabase();
  return { store: createPostgresWebhookStore({ pool: poolOf(url) }), replica: createPostgresWebhookStore({ pool: poolOf(url) }) };
});

describe('PostgreSQL webhook store', () => {
  it('applies its migrations once, whichever replica starts first, and again is a no-op', async () => {
    const url = await freshDatabase();
    const results = await Promise.all([poolOf(url), poolOf(url)].map((pool) => migratePostgres(pool, webhooksPostgresComponent, webhooksPostgresMigrations)));
    const last = webhooksPostgresMigrations.length;
    expect(results.map((r) => r.to)).toEqual([last, last]);
    expect(results.map((r) => r.from).sort()).toEqual([0, last]);
    expect(await migratePostgres(poolOf(url), webhooksPostgresComponent, webhooksPostgresMigrations)).toEqual({ from: last, to: last });
    // Stores started on an already migrated database (and each applying it at first use) work as one.
    const store = createPostgresWebhookStore({ pool: poolOf(url) });
    await store.createWebhook(newWebhook(1));
    expect(await createPostgresWebhookStore({ pool: poolOf(url) }).getWebhook(newWebhook(1).id)).toMatchObject({ id: newWebhook(1).id });
  });

  it('lets two replicas drain one backlog claiming at once: every delivery leased once and recorded once', async () => {
    const url = await freshDatabase();
    const a = createPostgresWebhookStore({ pool: poolOf(url) });
    const b = createPostgresWebhookStore({ pool: poolOf(url) });
    for (const n of [1, 2, 3]) await a.createWebhook(newWebhook(n));
    const total = 150;
    for (let e = 1; e <= total; e += 1) await (e % 2 === 0 ? a : b).enqueueEvent(formatCursor(e), [eventDelivery(newWebhook(1 + (e % 3)).id, e)], T0 + (e % 5));
    const seen: string[] = [];
    const worker = async (store: typeof a, owner: string) => {
      for (;;) {
        const claimed = await store.claimDue({ now: T0 + 10, limit: 4, leaseMs: 60_000, owner });
        if (claimed.length === 0) return;
        for (const { delivery } of claimed) {
          seen.push(delivery.id);
          expect(await store.recordAttempt(delivery.id, attempt(owner, T0 + 11, { state: 'SUCCEEDED' }))).toBe(true);
        }
      }
    };
    await Promise.all([worker(a, 'a1'), worker(a, 'a2'), worker(b, 'b1'), worker(b, 'b2')]);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    for (const n of [1, 2, 3]) {
      const { deliveries } = await a.listDeliveries(newWebhook(n).id, { limit: total });
      expect(deliveries.every((d) => d.state === 'SUCCEEDED' && d.attempts === 1)).toBe(true);
    }
  });

  it('stores the webhooks’ arrays as JSON text', async () => {
    const url = await freshDatabase();
    const pool = poolOf(url);
    await createPostgresWebhookStore({ pool }).createWebhook(newWebhook(3));
    const { rows } = await pool.query('SELECT event_types, ministries FROM webhook_endpoints');
    expect(rows).toEqual([{ event_types: JSON.stringify(newWebhook(3).eventTypes), ministries: JSON.stringify(newWebhook(3).ministries) }]);
  });

  // Last: it stops the file's server.
  it('fails closed while the server is down, shows it in its health, and recovers by itself', async () => {
    const url = await freshDatabase();
    const health = createStoreHealth({ store: 'webhooks', engine: 'postgres', whileDown: 'fail-closed' });
    const store = createPostgresWebhookStore({ pool: poolOf(url), health });
    await store.createWebhook(newWebhook(1));
    expect(store.status()).toMatchObject({ up: true, failures: 0 });

    await server.stop('fast');
    await expect(store.enqueueEvent(formatCursor(1), [eventDelivery(newWebhook(1).id, 1)], T0)).rejects.toThrow();
    await expect(store.claimDue({ now: T0, limit: 10, leaseMs: 30_000, owner: 'a' })).rejects.toThrow();
    expect(store.status()).toMatchObject({ store: 'webhooks', engine: 'postgres', up: false, whileDown: 'fail-closed' });
    expect(store.status().failures).toBeGreaterThanOrEqual(2);
    expect(store.status().lastError).not.toBeNull();

    await server.start();
    await expect
      .poll(
        () =>
          store.enqueueEvent(formatCursor(1), [eventDelivery(newWebhook(1).id, 1)], T0).then(
            () => true,
            () => false,
          ),
        { timeout: 20_000, interval: 200 },
      )
      .toBe(true);
    expect(store.status()).toMatchObject({ up: true, lastError: null });
    expect(await store.consumerCursor()).toBe(formatCursor(1));
    expect((await store.claimDue({ now: T0, limit: 10, leaseMs: 30_000, owner: 'a' })).map((c) => c.delivery.id)).toEqual([eventDelivery(newWebhook(1).id, 1).id]);
  });
});
