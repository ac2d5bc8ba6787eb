import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, type PgPool } from '../../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../../scripts/servers/index.js';
import { createPostgresLeaderLease } from '../replication/index.js';
import { NotLeaderError, openPostgresReadModelStore } from './index.js';
import { describeReadModelStoreContract, outcomeEvent, readModelFact } from './test-support/read-model-store-contract.js';

let server: PostgresServer;
const pools: PgPool[] = [];
let databases = 0;
const newPool = async () => {
  databases += 1;
  const pool = createPgPool({ url: await server.createDatabase(`supervision_${databases}`), applicationName: 'supervision-store-test', max: 4 });
  pools.push(pool);
  return pool;
};

beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server?.destroy();
});

describeReadModelStoreContract('postgres', {
  durable: true,
  storage: async () => {
    const pool = await newPool();
    return { open: (sources) => openPostgresReadModelStore({ pool, sources }) };
  },
});

describe('postgres read-model store, shared by replicas', () => {
  it('tells a replica what changed since its last reload, and every feed’s cursor', async () => {
    const pool = await newPool();
    const writer = await openPostgresReadModelStore({ pool, sources: 's' });
    const reader = await openPostgresReadModelStore({ pool, sources: 's' });
    await writer.save('ceet', [readModelFact('CEET-2026-000001', 'SUBMITTED'), readModelFact('CEET-2026-000002', 'SUBMITTED')], 100);
    const first = await reader.changesSince(0);
    expect(first.facts.map((f) => f.key).sort()).toEqual(['CEET-2026-000001', 'CEET-2026-000002']);
    await writer.save('ceet', [readModelFact('CEET-2026-000002', 'COMPLETED', 5)], 200);
    await writer.save('rnec', [], 50);
    const second = await reader.changesSince(first.revision);
    expect(second.facts.map((f) => [f.key, f.status])).toEqual([['CEET-2026-000002', 'COMPLETED']]);
    expect([...second.feeds].map(([system, feed]) => [system, feed.cursorMs]).sort()).toEqual([
      ['ceet', 200],
      ['rnec', 50],
    ]);
    expect(second.revision).toBeGreaterThan(first.revision);
    expect((await reader.changesSince(second.revision)).facts).toEqual([]);
  });

  it('keeps the last version when one poll lists a dossier twice', async () => {
    const store = await openPostgresReadModelStore({ pool: await newPool(), sources: 's' });
    await store.save('ceet', [readModelFact('CEET-2026-000001', 'SUBMITTED'), readModelFact('CEET-2026-000001', 'REJECTED', 9)], 10);
    expect((await store.load()).facts.map((f) => f.status)).toEqual(['REJECTED']);
  });

  it('refuses the save of a replica that does not hold the leader’s lease, and writes nothing of it', async () => {
    const pool = await newPool();
    const a = await openPostgresReadModelStore({ pool, sources: 's', leaseHolder: 'a' });
    const b = await openPostgresReadModelStore({ pool, sources: 's', leaseHolder: 'b' });
    const leaseA = createPostgresLeaderLease({ pool, holder: 'a', leaseMs: 60_000 });
    const leaseB = createPostgresLeaderLease({ pool, holder: 'b', leaseMs: 60_000 });
    await expect(a.save('ceet', [readModelFact('CEET-2026-000001', 'SUBMITTED')], 1)).rejects.toBeInstanceOf(NotLeaderError);
    expect(await leaseA.acquireOrRenew()).toBe(1);
    expect(await leaseB.acquireOrRenew()).toBeNull();
    await a.save('ceet', [readModelFact('CEET-2026-000001', 'SUBMITTED')], 1);
    await expect(b.save('ceet', [readModelFact('CEET-2026-000002', 'SUBMITTED')], 2)).rejects.toBeInstanceOf(NotLeaderError);
    await leaseA.release();
    await expect(a.save('ceet', [readModelFact('CEET-2026-000003', 'SUBMITTED')], 3)).rejects.toBeInstanceOf(NotLeaderError);
    expect(await leaseB.acquireOrRenew()).toBe(2);
    expect(await leaseB.acquireOrRenew()).toBe(2);
    const stored = await b.load();
    expect(stored.facts.map((f) => f.key)).toEqual(['CEET-2026-000001']);
    expect(stored.cursors).toEqual(new Map([['ceet', 1]]));
    // The outboxes' saves are fenced the same way.
    await expect(a.saveOutcomes('ENERGY', '4', [outcomeEvent('CEET-2026-000009')])).rejects.toBeInstanceOf(NotLeaderError);
    await b.saveOutcomes('ENERGY', '5', [outcomeEvent('CEET-2026-000010')]);
    expect(await a.outboxCursors()).toEqual(new Map([['ENERGY', '5']]));
    expect((await a.events.readAfter('0', 10)).events.map((e) => e.reference)).toEqual(['CEET-2026-000010']);
    // A refused save is no failure of the store.
    expect(a.health.status()).toMatchObject({ up: true, failures: 0 });
  });

  it('shows a server that went away in its health, and recovers by itself once it is back', async () => {
    const pool = await newPool();
    const store = await openPostgresReadModelStore({ pool, sources: 's' });
    await store.save('ceet', [readModelFact('CEET-2026-000001', 'SUBMITTED')], 1);
    await server.stop('fast');
    try {
      await expect(store.save('ceet', [readModelFact('CEET-2026-000002', 'SUBMITTED')], 2)).rejects.toThrow();
      expect(store.health.status()).toMatchObject({ store: 'supervision-read-model', engine: 'postgres', up: false });
    } finally {
      await server.start();
    }
    await expect
      .poll(
        () =>
          store.save('ceet', [readModelFact('CEET-2026-000002', 'SUBMITTED')], 2).then(
            () => 'saved',
            () => 'failed',
          ),
        { timeout: 15_000 },
      )
      .toBe('saved');
    expect(store.health.status().up).toBe(true);
    expect((await store.load()).facts.map((f) => f.key).sort()).toEqual(['CEET-2026-000001', 'CEET-2026-000002']);
  });
});
