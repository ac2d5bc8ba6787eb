import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, type PgPool } from '../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../scripts/servers/index.js';
import type { AuditRecord } from '../audit-record.js';
import { createAuditKeyring, keyringOf, type AuditKeyring } from '../audit-keyring.js';
import { canonicalJson } from '../canonical-json.js';
import { entry, testKey } from '../test-support/audit-fixtures.js';
import { describeAuditStoreContract, describeAuditTrailContract, type OpenedAuditStore } from '../test-support/audit-store-contract.js';
import { createPostgresAuditStore, KeyringBehindError, type PostgresAuditStore } from './postgres-audit-store.js';

let server: PostgresServer;
let databases = 0;
const pools: PgPool[] = [];
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end().catch(() => undefined)));
  await server?.destroy();
});

const newDatabase = () => server.createDatabase(`audit_${++databases}`);
const poolOf = (url: string) => {
  // Short waits: a test that stops the server must not wait out the default 5 s per attempt.
  const pool = createPgPool({ url, applicationName: 'audit-test', max: 4, connectionTimeoutMs: 1_000 });
  pools.push(pool);
  return pool;
};

/** SQL as an intruder with the database's credentials would run it, with the append-only triggers switched off. */
async function asIntruder(url: string, sql: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

async function opened(ring: AuditKeyring = keyringOf(testKey)): Promise<Omit<OpenedAuditStore<PostgresAuditStore>, 'reopen'> & { url: string; reopen(): PostgresAuditStore }> {
  const url = await newDatabase();
  const open = () => createPostgresAuditStore({ pool: poolOf(url), keyring: ring, ownsPool: true });
  return {
    url,
    store: open(),
    reopen: open,
    async tamper(seq: number, change: (record: AuditRecord) => AuditRecord) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ record: string }>('SELECT record FROM audit_records WHERE seq = $1', [seq]);
        const changed = canonicalJson(change(JSON.parse(rows[0]!.record) as AuditRecord));
        await client.query('SET session_replication_role = replica');
        await client.query('UPDATE audit_records SET record = $2 WHERE seq = $1', [seq, changed]);
      } finally {
        await client.end();
      }
    },
    cut: (fromSeq: number) => asIntruder(url, 'DELETE FROM audit_records WHERE seq >= $1', [fromSeq]),
  };
}

describeAuditStoreContract('PostgreSQL store', () => opened());
describeAuditTrailContract('PostgreSQL store', () => opened());

describe('PostgreSQL audit store: one chain for every replica', () => {
  const stores: PostgresAuditStore[] = [];
  const track = (store: PostgresAuditStore) => (stores.push(store), store);
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('two writers (two pools, as two gateway processes) appending hundreds of records at once keep one unbroken chain', async () => {
    const url = await newDatabase();
    const [a, b] = [0, 1].map(() => track(createPostgresAuditStore({ pool: poolOf(url), keyring: keyringOf(testKey), ownsPool: true }))) as [PostgresAuditStore, PostgresAuditStore];
    await Promise.all([a.open(), b.open()]);
    const perWriter = 300;
    const write = (store: PostgresAuditStore, writer: string) =>
      Promise.all(Array.from({ length: perWriter }, (_, i) => store.append([entry(`2000000000${i % 10}`, { subject: writer, traceId: `${writer}-${i}` })])));
    const [fromA, fromB] = await Promise.all([write(a, 'a'), write(b, 'b')]);
    const seqs = [...fromA, ...fromB].flat().map((record) => record.seq);
    expect(seqs).toHaveLength(2 * perWriter);
    expect(new Set(seqs).size).toBe(2 * perWriter);
    expect(Math.max(...seqs)).toBe(2 * perWriter);
    // Both writers' records are interleaved in the chain, not one block after the other.
    const subjects = (await a.listForNiu('20000000000', { limit: 1000 })).map((record) => record.subject);
    expect(new Set(subjects)).toEqual(new Set(['a', 'b']));
    expect(await b.verify()).toEqual({ ok: true, count: 2 * perWriter, notes: [] });
    expect(await a.open()).toMatchObject({ seq: 2 * perWriter });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of records through SQL', async () => {
    const { store, url } = await opened();
    track(store);
    await store.append([entry('100000000001')]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const sql of ["UPDATE audit_records SET niu = 'x'", 'DELETE FROM audit_records', 'TRUNCATE audit_records']) {
        await expect(client.query(sql)).rejects.toThrow(/append-only/);
      }
    } finally {
      await client.end();
    }
  });

  it('finds the anchor row deleted or forged, and will not write after it', async () => {
    const { store, url, reopen } = await opened();
    track(store);
    await store.append([entry('100000000001'), entry('100000000002')]);
    await asIntruder(url, "UPDATE audit_head SET mac = repeat('0', 64)");
    expect(await store.verify()).toMatchObject({ ok: false, reason: expect.stringContaining('anchor MAC invalid') });
    await expect(track(reopen()).append([entry('100000000003')])).rejects.toThrow(/anchor MAC invalid/);
    await asIntruder(url, 'DELETE FROM audit_head');
    await expect(track(reopen()).append([entry('100000000003')])).rejects.toThrow(/anchor row missing/);
  });

  it('a replica still on the old key refuses to write after another rotated it, and the rotated trail verifies', async () => {
    const oldRing = createAuditKeyring({ id: 'k1', key: testKey });
    const newRing = createAuditKeyring({ id: 'k2', key: `${testKey}-rotated` }, [{ id: 'k1', key: testKey }]);
    const { store: old, url } = await opened(oldRing);
    track(old);
    await old.append([entry('100000000001')]);
    const rotated = track(createPostgresAuditStore({ pool: poolOf(url), keyring: newRing, ownsPool: true }));
    const [sealed] = await rotated.append([entry('100000000002')]);
    expect(sealed).toMatchObject({ seq: 2, keyId: 'k2' });
    await expect(old.append([entry('100000000003')])).rejects.toBeInstanceOf(KeyringBehindError);
    expect(old.health.status().up).toBe(true);
    expect(await rotated.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('fails closed while the server is down, says so in its health, and recovers by itself when it returns', async () => {
    const url = await newDatabase();
    const store = track(createPostgresAuditStore({ pool: poolOf(url), keyring: keyringOf(testKey), ownsPool: true }));
    await store.open();
    await store.append([entry('100000000001')]);
    await server.stop('fast');
    try {
      await expect(store.append([entry('100000000002')])).rejects.toThrow();
      expect(store.health.status()).toMatchObject({ store: 'audit', engine: 'postgres', up: false, whileDown: 'fail-closed', failures: 1 });
      await expect(store.probe()).rejects.toThrow();
    } finally {
      await server.start();
    }
    await store.probe();
    expect(store.health.status()).toMatchObject({ up: true, lastError: null });
    const [next] = await store.append([entry('100000000003')]);
    expect(next?.seq).toBe(2);
    expect(await store.verify()).toMatchObject({ ok: true, count: 2 });
  });
});
