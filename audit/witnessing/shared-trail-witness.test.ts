import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createLogger } from '../../lib/log/index.js';
import { createPgPool } from '../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../scripts/servers/index.js';
import { main as auditVerify } from '../../scripts/audit-verify.js';
import { createCheckpointVerifier, createWitnessClient, type WitnessClient } from '../../witness/client/index.js';
import { startTestWitness, type TestWitness } from '../../witness/test-support/start-test-witness.js';
import { keyringOf } from '../audit-keyring.js';
import { genesisHash } from '../chain.js';
import { createPostgresAuditStore, type PostgresAuditStore } from '../postgres/index.js';
import { entry, testKey } from '../test-support/audit-fixtures.js';
import { createWitnessedAuditStore, type GatewayAuditStore } from './witnessed-audit-store.js';

const log = createLogger('audit-test', process.env.TEST_LOG_LEVEL ?? 'silent');

let server: PostgresServer;
let witness: TestWitness;
let databases = 0;
beforeAll(async () => {
  server = await startPostgresServer();
  // The witness on its own database of the same server (in production: its own server, its own role).
  witness = await startTestWitness({ DATABASE_URL: await server.createDatabase('witness_own') });
});
afterAll(async () => {
  await witness?.close();
  await server?.destroy();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const http = () => createWitnessClient({ url: witness.url, token: witness.token, timeoutMs: 2_000 });
const verifier = () => createCheckpointVerifier({ jwksUrl: http().jwksUrl });

/** One gateway replica: its own pool on the shared trail, its own witnessed store, the same log id as the others. */
function replica(url: string, logId: string, intervalMs: number): { store: GatewayAuditStore; trail: PostgresAuditStore } {
  const trail = createPostgresAuditStore({ pool: createPgPool({ url, applicationName: 'replica', max: 3 }), keyring: keyringOf(testKey), ownsPool: true });
  const store = createWitnessedAuditStore({ trail, witness: http(), verify: verifier(), logId, checkpointIntervalMs: intervalMs, maxLagMs: 60_000, maxLagRecords: 10_000, log });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await store.close();
  });
  const close = store.close;
  return {
    store: {
      ...store,
      close: async () => {
        closed = true;
        await close();
      },
    },
    trail,
  };
}

const newLog = () => `shared-${randomBytes(4).toString('hex')}`;

async function signedSeqs(client: WitnessClient, logId: string): Promise<number[]> {
  const verify = verifier();
  return Promise.all((await client.all(logId)).map(async (jws) => (await verify(jws)).seq));
}

describe('one trail in PostgreSQL, two gateway replicas, one witness', () => {
  it('both replicas append hundreds of records at once and checkpoint the shared trail; the witness signs one chain and raises no alarm', async () => {
    const url = await server.createDatabase(`shared_${++databases}`);
    const logId = newLog();
    const a = replica(url, logId, 10);
    const b = replica(url, logId, 10);
    await Promise.all([a.store.open(), b.store.open()]);
    const write = (store: GatewayAuditStore, writer: string) =>
      (async () => {
        for (let i = 0; i < 20; i += 1) await Promise.all(Array.from({ length: 10 }, (_, j) => store.append([entry(`3000000000${j}`, { subject: writer, traceId: `${writer}-${i}-${j}` })])));
      })();
    await Promise.all([write(a.store, 'a'), write(b.store, 'b')]);
    expect(await a.store.state()).toMatchObject({ status: 'vouched', accepting: true });
    expect(await b.store.state()).toMatchObject({ status: 'vouched', accepting: true });
    await a.store.close();
    await b.store.close();
    const client = http();
    const seqs = await signedSeqs(client, logId);
    expect(seqs[seqs.length - 1]).toBe(400);
    expect(await client.alarms(logId)).toEqual([]);
    // The whole trail against every point the witness signed, as audit:verify does.
    const checker = createPostgresAuditStore({ pool: createPgPool({ url, applicationName: 'checker', max: 2 }), keyring: keyringOf(testKey), ownsPool: true });
    try {
      const verify = verifier();
      const points = await Promise.all((await client.all(logId)).map((jws) => verify(jws)));
      expect(await checker.verifyAgainst(points)).toEqual({ ok: true, count: 400, notes: [] });
    } finally {
      await checker.close();
    }
  });

  it('npm run audit:verify reads the PostgreSQL trail when DATABASE_URL is set, against the witness, and finds an edit', async () => {
    const url = await server.createDatabase(`shared_${++databases}`);
    const logId = newLog();
    const a = replica(url, logId, 10);
    const b = replica(url, logId, 10);
    await Promise.all([a.store.open(), b.store.open()]);
    await Promise.all([a.store.append([entry('300000000001')]), b.store.append([entry('300000000002')]), a.store.append([entry('300000000003')])]);
    await a.store.close();
    await b.store.close();
    const env = { DATABASE_URL: url, AUDIT_HMAC_KEY: testKey, AUDIT_WITNESS_URL: witness.url, AUDIT_LOG_ID: logId };
    const verify = async () => {
      const output: string[] = [];
      return { code: await auditVerify({ env, write: (line) => output.push(line) }), output };
    };
    expect(await verify()).toEqual({ code: 0, output: [expect.stringMatching(/^audit log ok: 3 record\(s\) verified in PostgreSQL postgres:\/\/.*witnessed up to seq 3/)] });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query('UPDATE audit_records SET record = replace(record, \'"agent-7"\', \'"agent-8"\') WHERE seq = 2');
    } finally {
      await client.end();
    }
    expect(await verify()).toEqual({ code: 1, output: [expect.stringMatching(/^audit log TAMPERED at record #2 .*hash does not match/)] });
  });

  it('a replica whose checkpoint arrives after another, further one stays vouched for (the witness answers the further one)', async () => {
    const url = await server.createDatabase(`shared_${++databases}`);
    const logId = newLog();
    const slow = replica(url, logId, 3_600_000);
    const fast = replica(url, logId, 10);
    await slow.store.open();
    await fast.store.open();
    await slow.store.append([entry('300000000001')]);
    await fast.store.append([entry('300000000002')]);
    await expect.poll(async () => (await fast.store.state()).witnessedSeq, { timeout: 5_000 }).toBe(2);
    // The slow replica's seq 1 reaches the witness after seq 2: no refusal, no alarm; it is covered by seq 2.
    await slow.store.close();
    expect(await slow.store.state()).toMatchObject({ status: 'vouched', witnessedSeq: 2 });
    const client = http();
    expect(await client.alarms(logId)).toEqual([]);
    // A point signed before, sent again: answered with what was signed there.
    const verify = verifier();
    const [first] = await client.all(logId);
    const atFirst = await verify(first!);
    const again = await client.submit({ log: logId, seq: atFirst.seq, hash: atFirst.hash, shared: true });
    expect(again.kind === 'accepted' && (await verify(again.checkpoint)).seq).toBe(atFirst.seq);
  });

  it('refuses a fork: at a point it signed the witness refuses and raises an alarm; a replica on another trail under the same log id stops', async () => {
    const url = await server.createDatabase(`shared_${++databases}`);
    const logId = newLog();
    const a = replica(url, logId, 10);
    await a.store.open();
    const records = await a.store.append([entry('300000000001'), entry('300000000002')]);
    await expect.poll(async () => (await a.store.state()).witnessedSeq, { timeout: 5_000 }).toBe(2);
    await a.store.append([entry('300000000003')]);
    await expect.poll(async () => (await a.store.state()).witnessedSeq, { timeout: 5_000 }).toBe(3);
    const client = http();
    const forked = await client.submit({ log: logId, seq: 2, hash: 'f'.repeat(64), shared: true });
    expect(forked).toMatchObject({ kind: 'refused', error: 'fork' });
    expect((await client.alarms(logId)).map((alarm) => alarm.kind)).toEqual(['fork']);
    expect(records[1]?.hash).not.toBe('f'.repeat(64));
    // Another database under the same log id (a misconfigured replica): its trail does not hold what was witnessed.
    const stray = replica(await server.createDatabase(`shared_${++databases}`), logId, 10);
    await stray.store.open();
    expect(await stray.store.state()).toMatchObject({ status: 'behind-witness', accepting: false });
    // And the genesis, which every chain holds, is no rollback for a shared log.
    expect(await client.submit({ log: logId, seq: 0, hash: genesisHash, shared: true })).toMatchObject({ kind: 'accepted' });
  });
});
