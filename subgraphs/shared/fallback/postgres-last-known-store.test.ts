import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, migratePostgres, type PgPool } from '../../../lib/postgres/index.js';
import { createStoreHealth } from '../../../lib/store-health/index.js';
import { startPostgresServer, type PostgresServer } from '../../../scripts/servers/index.js';
import { lastKnownPostgresComponent, lastKnownPostgresMigrations } from './last-known-postgres-migrations.js';
import { createLastKnownMetrics } from './last-known-metrics.js';
import { createLastKnownStore } from './last-known-store.js';
import { createPostgresLastKnownStore, type PostgresLastKnownStoreOptions } from './postgres-last-known-store.js';
import { adapterError, dossier, fakeClock, fakeSystem, type FakeDossier } from './testing/fake-system.js';
import { describeLastKnownContract } from './testing/last-known-contract.js';
import { withLastKnown } from './with-last-known.js';
import { withLastKnownList } from './with-last-known-list.js';

let server: PostgresServer;
const pools: PgPool[] = [];
const stores: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  await server?.destroy();
});

let databases = 0;
const freshDatabase = async () => {
  const url = await server.createDatabase(`last_known_${(databases += 1)}`);
  await migratePostgres(poolOf(url), lastKnownPostgresComponent, lastKnownPostgresMigrations);
  return url;
};
const poolOf = (url: string) => {
  const pool = createPgPool({ url, applicationName: 'last-known-test', max: 4, connectionTimeoutMs: 2_000 });
  pools.push(pool);
  return pool;
};
type Options = Omit<PostgresLastKnownStoreOptions<FakeDossier>, 'pool' | 'local'>;
/** One replica: its own pool and its own LRU. */
const replica = (url: string, options: Options) => {
  const store = createPostgresLastKnownStore<FakeDossier>({
    pool: poolOf(url),
    local: createLastKnownStore<FakeDossier>({ ...(options.clock ? { clock: options.clock } : {}), ...(options.maxAgeMs ? { maxAgeMs: options.maxAgeMs } : {}) }),
    purgeIntervalMs: 0,
    ...options,
  });
  stores.push(store);
  return store;
};

describeLastKnownContract('PostgreSQL, two replicas', async ({ clock, maxAgeMs }) => {
  const url = await freshDatabase();
  const writer = replica(url, { scope: 'electricity', clock, maxAgeMs });
  return { writer, reader: replica(url, { scope: 'electricity', clock, maxAgeMs }), settle: () => writer.flush() };
});

describe('PostgreSQL last-known store', () => {
  it('lets replica B serve, while the ministry is down, what replica A read', async () => {
    const url = await freshDatabase();
    const time = fakeClock();
    const system = fakeSystem([dossier('CEET-1'), dossier('CEET-2')]);
    const a = replica(url, { scope: 'electricity', clock: time.clock });
    const b = replica(url, { scope: 'electricity', clock: time.clock });
    const options = { metrics: createLastKnownMetrics() };
    const readAt = time.iso();
    await withLastKnown(system.getMany, a, options)(['CEET-1', 'CEET-2']);
    await withLastKnownList(system.listOf, a, options)('1234567890');
    // Written behind: A's answer did not wait for PostgreSQL.
    expect(a.pendingWrites()).toBeGreaterThan(0);
    await a.flush();
    expect(a.pendingWrites()).toBe(0);

    system.failWith(adapterError('BACKEND_UNAVAILABLE'));
    time.advance(60_000);
    const answered = await withLastKnown(system.getMany, b, options)(['CEET-1', 'CEET-2', 'CEET-3']);
    expect(answered.get('CEET-1')).toEqual({ ...dossier('CEET-1'), stale: true, asOf: readAt });
    expect(answered.get('CEET-2')).toEqual({ ...dossier('CEET-2'), stale: true, asOf: readAt });
    expect(answered.get('CEET-3')).toBeInstanceOf(Error);
    expect((await withLastKnownList(system.listOf, b, options)('1234567890')).map((r) => [r.reference, r.stale])).toEqual([
      ['CEET-1', true],
      ['CEET-2', true],
    ]);
  });

  it('keeps the newer of two replicas’ reads, whichever writes last', async () => {
    const url = await freshDatabase();
    const time = fakeClock();
    const a = replica(url, { scope: 'electricity', clock: time.clock });
    const b = replica(url, { scope: 'electricity', clock: time.clock });
    a.rememberRecord('CEET-1', dossier('CEET-1', '1234567890', 'OLD'));
    time.advance(1_000);
    b.rememberRecord('CEET-1', dossier('CEET-1', '1234567890', 'NEW'));
    await b.flush();
    await a.flush();
    const c = replica(url, { scope: 'electricity', clock: time.clock });
    expect((await c.recallRecord('CEET-1'))?.value.status).toBe('NEW');
  });

  it('keeps subgraphs sharing a database apart', async () => {
    const url = await freshDatabase();
    const electricity = replica(url, { scope: 'electricity' });
    electricity.rememberRecord('X-1', dossier('X-1'));
    await electricity.flush();
    expect(await replica(url, { scope: 'water' }).recallRecord('X-1')).toBeUndefined();
    expect(await replica(url, { scope: 'electricity' }).recallRecord('X-1')).toBeDefined();
  });

  it('purges rows past their age, then the oldest beyond its row budget', async () => {
    const url = await freshDatabase();
    const time = fakeClock();
    const writer = replica(url, { scope: 'electricity', clock: time.clock, maxAgeMs: 60_000, maxRows: 3 });
    writer.rememberRecord('OLD', dossier('OLD'));
    writer.rememberList('old-list', []);
    time.advance(60_000);
    for (const key of ['A', 'B', 'C', 'D']) {
      writer.rememberRecord(key, dossier(key));
      time.advance(1);
    }
    await writer.flush();
    expect(await writer.purge()).toEqual({ records: 2, lists: 1 });
    const pool = poolOf(url);
    const { rows } = await pool.query<{ key: string }>('SELECT key FROM last_known_records ORDER BY key');
    expect(rows.map((row) => row.key)).toEqual(['B', 'C', 'D']);
  });

  it('counts a batch being written as waiting until PostgreSQL took it, and again if it failed', async () => {
    // A pool whose round trips the test answers: the batch is in flight between two of its steps.
    const calls: { resolve: () => void; reject: (error: Error) => void }[] = [];
    const pool = { query: () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject })) } as unknown as PgPool;
    const health = createStoreHealth({ store: 'last-known', engine: 'postgres', whileDown: 'local-fallback' });
    const store = createPostgresLastKnownStore<FakeDossier>({ pool, scope: 'electricity', local: createLastKnownStore<FakeDossier>({}), purgeIntervalMs: 0, retryDelayMs: 10, health });
    stores.push(store);
    store.rememberRecord('IN-FLIGHT', dossier('IN-FLIGHT'));
    await expect.poll(() => calls.length).toBe(1);
    expect(store.pendingWrites()).toBe(1);
    calls[0]?.reject(new Error('connection refused'));
    await expect.poll(() => calls.length).toBe(2);
    expect(store.pendingWrites()).toBe(1);
    expect(health.status().up).toBe(false);
    calls[1]?.resolve();
    await expect.poll(() => store.pendingWrites()).toBe(0);
    // Nothing waits any more only once the write was taken, so the store is already seen up.
    expect(health.status().up).toBe(true);
  });

  // Last: it stops the file's server.
  it('while PostgreSQL is down: answers from its own process in bounded time, queues its writes, and catches up when it is back', async () => {
    const url = await freshDatabase();
    const health = createStoreHealth({ store: 'last-known', engine: 'postgres', whileDown: 'local-fallback' });
    const a = replica(url, { scope: 'electricity', health, recallTimeoutMs: 300, retryDelayMs: 100 });
    a.rememberRecord('BEFORE', dossier('BEFORE'));
    await a.flush();

    await server.stop('fast');
    a.rememberRecord('DURING', dossier('DURING'));
    await a.flush();
    expect(a.pendingWrites()).toBe(1);
    expect(health.status().up).toBe(false);
    // Its own reads still answer from the LRU; another key is simply not remembered (no error, no hang).
    expect((await a.recallRecord('DURING'))?.value).toEqual(dossier('DURING'));
    expect(await a.recallRecord('ELSEWHERE')).toBeUndefined();
    expect(await a.recallList('ELSEWHERE')).toBeUndefined();

    await server.start();
    await expect.poll(() => a.pendingWrites(), { timeout: 20_000, interval: 100 }).toBe(0);
    expect(health.status().up).toBe(true);
    const b = replica(url, { scope: 'electricity' });
    expect((await b.recallRecord('DURING'))?.value).toEqual(dossier('DURING'));
    expect((await b.recallRecord('BEFORE'))?.value).toEqual(dossier('BEFORE'));
  });
});
