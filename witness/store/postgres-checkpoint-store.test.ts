import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool } from '../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../scripts/servers/index.js';
import { describeCheckpointStoreContract, witnessed } from '../test-support/checkpoint-store-contract.js';
import { createPostgresCheckpointStore } from './postgres-checkpoint-store.js';

let server: PostgresServer;
let databases = 0;
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await server?.destroy();
});

const storeIn = (url: string) => createPostgresCheckpointStore({ pool: createPgPool({ url, applicationName: 'witness-test', max: 4 }) });

describeCheckpointStoreContract('PostgreSQL store', async () => storeIn(await server.createDatabase(`witness_${++databases}`)));

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL checkpoint store', () => {
  it('survives a new pool (a restarted witness), and refuses UPDATE, DELETE and TRUNCATE through SQL', async () => {
    const url = await server.createDatabase(`witness_${++databases}`);
    const store = storeIn(url);
    await store.append(witnessed('guichet', 1));
    await store.recordAlarm({ log: 'guichet', at: 'x', kind: 'fork', seq: 1, hash: 'h', witnessedSeq: 1, witnessedHash: 'g', reason: 'r' });
    await store.close();
    const again = storeIn(url);
    expect(await again.latest('guichet')).toEqual(witnessed('guichet', 1));
    await again.close();
    for (const sql of ["UPDATE witness_checkpoints SET hash = 'x'", 'DELETE FROM witness_checkpoints', 'TRUNCATE witness_checkpoints', 'DELETE FROM witness_alarms']) {
      await expect(run(url, sql)).rejects.toThrow(/append-only/);
    }
  });

  it("lives in a database of its own, which the gateway's role cannot even connect to", async () => {
    // The layout docs/scaled-stores.md prescribes: one role per service, each owning its database, CONNECT revoked from PUBLIC.
    const admin = server.urlOf('postgres');
    await run(admin, 'CREATE ROLE guichet_gateway LOGIN');
    await run(admin, 'CREATE ROLE guichet_witness LOGIN');
    await run(admin, 'CREATE DATABASE gateway_db OWNER guichet_gateway');
    await run(admin, 'CREATE DATABASE witness_db OWNER guichet_witness');
    await run(admin, 'REVOKE CONNECT ON DATABASE witness_db FROM PUBLIC');
    const asRole = (role: string, database: string) => server.urlOf(database).replace('//guichet@', `//${role}@`);
    const witnessStore = storeIn(asRole('guichet_witness', 'witness_db'));
    await witnessStore.append(witnessed('guichet', 1));
    await witnessStore.close();
    await expect(run(asRole('guichet_gateway', 'witness_db'), 'SELECT 1')).rejects.toThrow(/permission denied/);
    await expect(run(asRole('guichet_gateway', 'gateway_db'), 'SELECT 1')).resolves.toBeUndefined();
  });
});
