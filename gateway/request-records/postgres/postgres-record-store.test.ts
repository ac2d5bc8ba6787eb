import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../lib/log/index.js';
import { createPgPool } from '../../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../../scripts/servers/index.js';
import { openRecordWriter } from '../record-writer.js';
import { describeRecordStoreContract, requestRecord } from '../test-support/record-store-contract.js';
import { createPostgresRecordStore } from './postgres-record-store.js';

let server: PostgresServer;
let databases = 0;
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await server?.destroy();
});

const storeIn = (url: string, pruneSlice?: number) =>
  createPostgresRecordStore({ pool: createPgPool({ url, applicationName: 'records-test', max: 2, connectionTimeoutMs: 1_000 }), ...(pruneSlice ? { pruneSlice } : {}) });
const newDatabase = () => server.createDatabase(`records_${++databases}`);

// A small slice, so that the contract's prune of 1000 rows goes through several statements.
describeRecordStoreContract('PostgreSQL store', async () => storeIn(await newDatabase(), 300));

describe('PostgreSQL operational records', () => {
  it('two replicas write into one table; each writer prunes it past retention, on start and then periodically', async () => {
    const url = await newDatabase();
    const log = createLogger('records-test', 'silent');
    let now = Date.parse('2026-11-01T12:00:00Z');
    const first = openRecordWriter({ store: storeIn(url), retentionMs: 3_600_000, pruneEveryMs: 50, log, now: () => now });
    const second = openRecordWriter({ store: storeIn(url), retentionMs: 3_600_000, pruneEveryMs: 60_000, log, now: () => now });
    await Promise.all([first.pruned, second.pruned]);
    await first.append([requestRecord('2026-11-01T11:30:00.000Z', 'a'.repeat(32))]);
    await second.append([requestRecord('2026-11-01T11:45:00.000Z', 'b'.repeat(32))]);
    expect((await second.store.recent()).map((record) => record.traceId[0])).toEqual(['b', 'a']);
    now = Date.parse('2026-11-01T12:40:00Z'); // the first record is now 70 minutes old
    await expect.poll(() => first.store.count(), { timeout: 5_000 }).toBe(1);
    expect(await second.store.byTraceId('a'.repeat(32))).toEqual([]);
    await first.close();
    await second.close();
  });

  it('loses the batches written while the server is down (reported), shows it in its health, and writes again once it is back', async () => {
    const store = storeIn(await newDatabase());
    await store.append([requestRecord('2026-11-01T11:00:00.000Z', 'c'.repeat(32))]);
    await server.stop('fast');
    try {
      await expect(store.append([requestRecord('2026-11-01T11:01:00.000Z', 'd'.repeat(32))])).rejects.toThrow();
      expect(store.health.status()).toMatchObject({ store: 'request-records', engine: 'postgres', up: false });
    } finally {
      await server.start();
    }
    await store.append([requestRecord('2026-11-01T11:02:00.000Z', 'e'.repeat(32))]);
    expect(store.health.status().up).toBe(true);
    expect((await store.recent()).map((record) => record.traceId[0])).toEqual(['e', 'c']);
    await store.close();
  });
});
