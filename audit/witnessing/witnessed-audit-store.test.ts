import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log/index.js';
import { createCheckpointVerifier, createWitnessClient, type WitnessClient } from '../../witness/client/index.js';
import { startTestWitness, type TestWitness } from '../../witness/test-support/start-test-witness.js';
import { createFileAuditStore } from '../file-audit-store.js';
import { headPathOf } from '../head-anchor.js';
import { entry, readLines, tempLogPath, testKey, writeLines } from '../test-support/audit-fixtures.js';
import { AuditUnavailableError } from './audit-state.js';
import { checkpointCopyPathOf } from './checkpoint-copy.js';
import { createWitnessedAuditStore, type GatewayAuditStore } from './witnessed-audit-store.js';

const log = createLogger('audit-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function witnessAt(env: NodeJS.ProcessEnv = {}): Promise<TestWitness> {
  const witness = await startTestWitness(env);
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await witness.close();
  });
  return {
    ...witness,
    close: async () => {
      closed = true;
      await witness.close();
    },
  };
}

interface Options {
  readonly path?: string;
  readonly logId?: string;
  readonly intervalMs?: number;
  readonly maxLagRecords?: number;
  readonly client?: Pick<WitnessClient, 'submit' | 'latest'>;
  readonly pinned?: boolean;
}

/** A gateway's trail over a real file and a real witness (HTTP, SQLite, Ed25519). */
async function trailOver(
  witness: TestWitness,
  { path = tempLogPath(), logId = `log-${randomBytes(4).toString('hex')}`, intervalMs = 20, maxLagRecords = 10_000, client, pinned = false }: Options = {},
) {
  const http = createWitnessClient({ url: witness.url, token: witness.token, timeoutMs: 500 });
  const verify = createCheckpointVerifier(pinned ? { jwks: await http.jwks() } : { jwksUrl: http.jwksUrl });
  const store = createWitnessedAuditStore({
    trail: createFileAuditStore({ path, hmacKey: testKey, sync: false }),
    witness: client ?? http,
    verify,
    logId,
    checkpointIntervalMs: intervalMs,
    maxLagMs: 60_000,
    maxLagRecords,
    checkpointCopyPath: checkpointCopyPathOf(path),
    log,
  });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await store.close();
  });
  const close = async () => {
    closed = true;
    await store.close();
  };
  return { store, path, logId, http, verify, close };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not reached: ${what}`);
}

const appendOne = (store: GatewayAuditStore, i = 0) => store.append([entry(`60000000000${i % 10}`)]);
const witnessedSeq = async (http: WitnessClient, verify: (jws: string) => Promise<{ seq: number }>, logId: string) => {
  const latest = await http.latest(logId);
  return latest === undefined ? undefined : (await verify(latest)).seq;
};

describe('a trail vouched for by its witness', () => {
  it('opens vouched, reports its tip after appends and at shutdown, and keeps a copy of the signed checkpoint', async () => {
    const witness = await witnessAt();
    const { store, path, logId, http, verify, close } = await trailOver(witness);
    expect(await store.open()).toEqual({ seq: 0, hash: expect.any(String) });
    expect(await store.state()).toMatchObject({ status: 'vouched', accepting: true, seq: 0 });
    for (let i = 0; i < 3; i += 1) await appendOne(store, i);
    await until(async () => (await witnessedSeq(http, verify, logId)) === 3, 'checkpoint of seq 3');
    expect(await store.state()).toMatchObject({ status: 'vouched', seq: 3, witnessedSeq: 3 });
    await appendOne(store, 4);
    await close();
    expect(await witnessedSeq(http, verify, logId)).toBe(4);
    expect((await verify(readFileSync(checkpointCopyPathOf(path), 'utf8').trim())).seq).toBe(4);
  });

  it('reports appends in batches: at most one checkpoint per interval', async () => {
    const witness = await witnessAt();
    const http = createWitnessClient({ url: witness.url, token: witness.token });
    let submits = 0;
    const counting = { latest: http.latest, submit: (checkpoint: Parameters<WitnessClient['submit']>[0]) => ((submits += 1), http.submit(checkpoint)) };
    // An interval far longer than the appends take: what is not yet reported goes at shutdown.
    const { store, logId, verify, close } = await trailOver(witness, { client: counting, intervalMs: 3_600_000 });
    await store.open();
    for (let i = 0; i < 40; i += 1) await appendOne(store, i);
    await close();
    expect(submits).toBeLessThanOrEqual(2); // the registration at open, then the tip at shutdown
    expect(await witnessedSeq(http, verify, logId)).toBe(40);
  });

  it('never retries a failing witness faster than the interval, however many records wait', async () => {
    const witness = await witnessAt();
    const http = createWitnessClient({ url: witness.url, token: witness.token });
    let failing = false;
    let submitsWhileFailing = 0;
    const flaky = {
      latest: http.latest,
      submit: (checkpoint: Parameters<WitnessClient['submit']>[0]) => {
        if (!failing) return http.submit(checkpoint);
        submitsWhileFailing += 1;
        return Promise.reject(new Error('witness unreachable'));
      },
    };
    const { store } = await trailOver(witness, { client: flaky, intervalMs: 200, maxLagRecords: 100 });
    await store.open();
    failing = true;
    for (let i = 0; i < 80; i += 1) await appendOne(store, i);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // 500 ms at one attempt per 200 ms: a handful, not one per event-loop turn.
    expect(submitsWhileFailing).toBeGreaterThanOrEqual(1);
    expect(submitsWhileFailing).toBeLessThanOrEqual(5);
  });

  it('checkpoints early when half the record limit is unwitnessed, so a busy trail never outruns its limit', async () => {
    const witness = await witnessAt();
    const http = createWitnessClient({ url: witness.url, token: witness.token });
    let submits = 0;
    const counting = { latest: http.latest, submit: (checkpoint: Parameters<WitnessClient['submit']>[0]) => ((submits += 1), http.submit(checkpoint)) };
    // An interval no append waits for, and a limit of 10 records: 60 appends must all be accepted.
    const { store, logId, verify, close } = await trailOver(witness, { client: counting, intervalMs: 3_600_000, maxLagRecords: 10 });
    await store.open();
    for (let i = 0; i < 60; i += 1) {
      await appendOne(store, i);
      // Give the early checkpoint its round trip, as the gateway's other requests would.
      await until(async () => (await store.state()).status === 'vouched' && ((await store.state()).witnessedSeq ?? 0) > i - 5, `checkpoint near seq ${i + 1}`);
    }
    expect(await store.state()).toMatchObject({ status: 'vouched', accepting: true });
    expect(submits).toBeGreaterThanOrEqual(10);
    await close();
    expect(await witnessedSeq(http, verify, logId)).toBe(60);
  });
});

describe('a trail its witness does not vouch for fails closed', () => {
  /** A trail of 6 records, its tip witnessed, its anchor at seq 3 kept aside. */
  async function witnessedSix(witness: TestWitness) {
    const first = await trailOver(witness);
    await first.store.open();
    for (let i = 0; i < 3; i += 1) await appendOne(first.store, i);
    const oldAnchor = `${first.path}.anchor-at-3`;
    copyFileSync(headPathOf(first.path), oldAnchor);
    for (let i = 3; i < 6; i += 1) await appendOne(first.store, i);
    await first.close();
    expect(await witnessedSeq(first.http, first.verify, first.logId)).toBe(6);
    return { ...first, oldAnchor };
  }

  it.each<[string, (trail: { path: string; oldAnchor: string }) => Promise<void>, string, RegExp]>([
    [
      'truncated, with an older authentic anchor put back',
      async ({ path, oldAnchor }) => {
        writeLines(path, readLines(path).slice(0, 3));
        copyFileSync(oldAnchor, headPathOf(path));
        rmSync(checkpointCopyPathOf(path));
      },
      'behind-witness',
      /the trail ends at seq 3 but the witness signed seq 6/,
    ],
    [
      'wiped (log and anchor deleted)',
      async ({ path }) => {
        rmSync(path);
        rmSync(headPathOf(path));
        rmSync(checkpointCopyPathOf(path));
      },
      'behind-witness',
      /the trail ends at seq 0 but the witness signed seq 6/,
    ],
    [
      'rewritten after seq 3 with the key',
      async ({ path, oldAnchor }) => {
        writeLines(path, readLines(path).slice(0, 3));
        copyFileSync(oldAnchor, headPathOf(path));
        const writer = createFileAuditStore({ path, hmacKey: testKey, sync: false });
        await writer.append([3, 4, 5].map((i) => entry(`70000000000${i}`)));
        await writer.close();
        rmSync(checkpointCopyPathOf(path));
      },
      'forked',
      /record seq 6 is not the one the witness signed/,
    ],
  ])('%s: starts, refuses every append, says why, never reports a rollback', async (_name, attack, status, reason) => {
    const witness = await witnessAt();
    const six = await witnessedSix(witness);
    await attack(six);
    const contents = () => (existsSync(six.path) ? readFileSync(six.path, 'utf8') : '');
    const before = contents();
    const again = await trailOver(witness, { path: six.path, logId: six.logId });
    await again.store.open();
    expect(await again.store.state()).toMatchObject({ status, accepting: false, reason: expect.stringMatching(reason), witnessedSeq: null });
    await expect(appendOne(again.store)).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(contents()).toBe(before); // not a record written over the evidence
    await again.close();
    expect(await witnessedSeq(again.http, again.verify, six.logId)).toBe(6);
    expect(await createWitnessClient({ url: witness.url }).alarms(six.logId)).toEqual([]);
  });

  it('refuses at once when the witness refuses a checkpoint (another writer took the log further)', async () => {
    const witness = await witnessAt();
    const { store, logId, http } = await trailOver(witness);
    await store.open();
    await appendOne(store);
    await until(async () => (await store.state()).witnessedSeq === 1, 'first checkpoint');
    expect((await http.submit({ log: logId, seq: 50, hash: 'e'.repeat(64) })).kind).toBe('accepted');
    await appendOne(store, 1);
    await until(async () => (await store.state()).status === 'witness-refused', 'the refusal');
    expect(await store.state()).toMatchObject({ accepting: false, reason: expect.stringContaining('the witness refused checkpoint seq 2 (rollback)') });
    await expect(appendOne(store, 2)).rejects.toBeInstanceOf(AuditUnavailableError);
  });

  it('waits for an unreachable witness at start-up, refusing meanwhile, then is vouched for once it answers', async () => {
    const first = await witnessAt();
    const port = new URL(first.url).port;
    await first.close();
    const { store } = await trailOver(first);
    await store.open();
    expect(await store.state()).toMatchObject({ status: 'awaiting-witness', accepting: false, reason: expect.stringContaining('could not vouch') });
    await expect(appendOne(store)).rejects.toBeInstanceOf(AuditUnavailableError);
    await witnessAt({ PORT: port, WITNESS_DATA_DIR: first.dataDir });
    await until(async () => (await store.state()).accepting, 'vouched once the witness is back');
    await appendOne(store);
  });

  it('tolerates a witness outage up to the record limit, then refuses, and recovers when checkpoints are taken again', async () => {
    const first = await witnessAt();
    const port = new URL(first.url).port;
    const { store, logId } = await trailOver(first, { maxLagRecords: 3 });
    await store.open();
    await until(async () => (await store.state()).witnessedSeq === 0, 'registration');
    await first.close();
    for (let i = 0; i < 3; i += 1) await appendOne(store, i);
    await expect(appendOne(store, 3)).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(await store.state()).toMatchObject({ status: 'witness-lagging', accepting: false, reason: expect.stringContaining('3 record(s) not witnessed') });
    const back = await witnessAt({ PORT: port, WITNESS_DATA_DIR: first.dataDir });
    await until(async () => (await store.state()).accepting, 'witnessed again');
    await appendOne(store, 4);
    const http = createWitnessClient({ url: back.url });
    expect((await createCheckpointVerifier({ jwksUrl: http.jwksUrl })((await http.latest(logId))!)).seq).toBeGreaterThanOrEqual(3);
  });

  it('refuses on the local copy of the last signed checkpoint when the witness is down (pinned key), but never vouches on it', async () => {
    const witness = await witnessAt();
    const six = await witnessedSix(witness);
    writeLines(six.path, readLines(six.path).slice(0, 3));
    copyFileSync(six.oldAnchor, headPathOf(six.path));
    const pinnedTrail = await trailOver(witness, { path: six.path, logId: six.logId, pinned: true });
    await witness.close();
    await pinnedTrail.store.open();
    expect(await pinnedTrail.store.state()).toMatchObject({ status: 'behind-witness', reason: expect.stringContaining('local copy') });
    // Intact trail, witness down: the copy agrees, but the trail stays unvouched until the witness answers.
    const intact = await witnessAt();
    const fresh = await trailOver(intact);
    await fresh.store.open();
    await appendOne(fresh.store);
    await fresh.close();
    const reopened = await trailOver(intact, { path: fresh.path, logId: fresh.logId, pinned: true });
    await intact.close();
    await reopened.store.open();
    expect(await reopened.store.state()).toMatchObject({ status: 'awaiting-witness', accepting: false });
  });
});
