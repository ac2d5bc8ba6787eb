import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, migratePostgres, type PgPool } from '../lib/postgres/index.js';
import { createStoreHealth } from '../lib/store-health/index.js';
import { startPostgresServer, type PostgresServer } from '../scripts/servers/index.js';
import { classifyByCode } from './classify-failure.js';
import { createForwarder } from './create-forwarder.js';
import { isOutboxUnavailableError } from './outbox-unavailable-error.js';
import { outboxPostgresComponent, outboxPostgresMigrations } from './postgres-migrations.js';
import { createPostgresSubmissionStore } from './postgres-submission-store.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { createFakeLegacy } from './test-support/fake-legacy.js';
import { newSubmission, silentLog } from './test-support/submission-fixtures.js';
import { describeSubmissionStoreContract } from './test-support/submission-store-contract.js';

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
const freshDatabase = async () => {
  const url = await server.createDatabase(`outbox_${(databases += 1)}`);
  const first = poolOf(url);
  await migratePostgres(first, outboxPostgresComponent, outboxPostgresMigrations);
  return { url, pool: first };
};
/** One pool per replica: two replicas are two processes. */
const poolOf = (url: string) => {
  const pool = createPgPool({ url, applicationName: 'outbox-test', max: 4, connectionTimeoutMs: 2_000 });
  pools.push(pool);
  return pool;
};

describeSubmissionStoreContract('PostgreSQL store', async (clock) => createPostgresSubmissionStore({ pool: (await freshDatabase()).pool, clock: clock.now }), {
  replicas: async (clock) => {
    const { url, pool } = await freshDatabase();
    return [createPostgresSubmissionStore({ pool, clock: clock.now }), createPostgresSubmissionStore({ pool: poolOf(url), clock: clock.now })];
  },
});

describe('PostgreSQL store', () => {
  it('applies its migrations once, whichever replica starts first', async () => {
    const { url } = await freshDatabase();
    const results = await Promise.all([poolOf(url), poolOf(url)].map((pool) => migratePostgres(pool, outboxPostgresComponent, outboxPostgresMigrations)));
    expect(results).toEqual([
      { from: outboxPostgresMigrations.length, to: outboxPostgresMigrations.length },
      { from: outboxPostgresMigrations.length, to: outboxPostgresMigrations.length },
    ]);
  });

  it('numbers the rows a version-1 table had already ended, in the order they ended (migration 2)', async () => {
    const url = await server.createDatabase(`outbox_v1_${(databases += 1)}`);
    const pool = poolOf(url);
    await migratePostgres(pool, outboxPostgresComponent, outboxPostgresMigrations.slice(0, 1));
    const row = (ref: string, state: string, updatedAt: number) =>
      pool.query(
        `INSERT INTO outbox_submissions (external_reference, system, procedure_code, applicant_niu, payload, state, legacy_reference, created_at, updated_at, next_attempt_at)
         VALUES ($1, 'ceet', 'CEET-RACCORDEMENT-BT', '100000000001', '{}'::jsonb, $2, $3, 0, $4, 0)`,
        [ref, state, state === 'delivered' ? `CEET-2026-${ref}` : null, updatedAt],
      );
    await row('A', 'delivered', 300);
    await row('B', 'queued', 100);
    await row('C', 'rejected', 200);
    await migratePostgres(pool, outboxPostgresComponent, outboxPostgresMigrations);
    const store = createPostgresSubmissionStore({ pool });
    const page = await store.outcomesAfter(0, 10);
    expect(page.outcomes.map((o) => [o.sequence, o.externalReference, o.outcome, o.at])).toEqual([
      [1, 'C', 'rejected', 200],
      [2, 'A', 'delivered', 300],
    ]);
    await store.claimDue({ now: Date.now(), limit: 1, leaseMs: 30_000, owner: 'a' });
    await store.markDelivered('B', { legacyReference: 'CEET-2026-B', deliveredAt: Date.now() });
    expect((await store.outcomesAfter(2, 10)).outcomes.map((o) => [o.sequence, o.externalReference])).toEqual([[3, 'B']]);
  });

  // Last: it stops the file's server.
  it('fails closed while the server is down, shows it in its health, and the forwarder recovers by itself', async () => {
    const { pool } = await freshDatabase();
    const clock = createFakeClock();
    const health = createStoreHealth({ store: 'outbox', engine: 'postgres', whileDown: 'fail-closed' });
    const store = createPostgresSubmissionStore({ pool, clock: clock.now, health });
    const legacy = createFakeLegacy();
    const forwarder = createForwarder({ store, system: 'ceet', delivery: legacy.delivery, classify: classifyByCode({ rejectCodes: [] }), owner: 'a', log: silentLog, clock: clock.now });
    await store.enqueue(newSubmission(1));

    await server.stop('fast');
    const refused = await store.enqueue(newSubmission(2)).catch((error: unknown) => error);
    expect(isOutboxUnavailableError(refused)).toBe(true);
    await expect(forwarder.runOnce()).rejects.toSatisfy(isOutboxUnavailableError);
    expect(health.status()).toMatchObject({ up: false, store: 'outbox', engine: 'postgres' });
    expect(health.status().failures).toBeGreaterThanOrEqual(2);

    await server.start();
    // Connections broken by the shutdown are dropped; the next polls reach the restarted server.
    await expect
      .poll(
        () =>
          forwarder.runOnce().then(
            (run) => run.delivered,
            () => -1,
          ),
        { timeout: 20_000, interval: 200 },
      )
      .toBe(1);
    expect(health.status().up).toBe(true);
    // The refused submission left nothing behind; the accepted one reached its system once.
    expect(await store.get(newSubmission(2).externalReference)).toBeNull();
    expect(legacy.records.map((r) => r.externalReference)).toEqual([newSubmission(1).externalReference]);
    await store.close();
  });
});
