import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { classifyByCode } from './classify-failure.js';
import { exponentialBackoff } from './backoff.js';
import { createForwarder, type ForwarderOptions } from './create-forwarder.js';
import { createMemorySubmissionStore } from './memory-submission-store.js';
import { createSqliteSubmissionStore } from './sqlite-submission-store.js';
import type { SubmissionStore } from './submission-store.js';
import { createFakeClock, type FakeClock } from './test-support/fake-clock.js';
import { createFakeLegacy, type FakeLegacy, type FakeRecord } from './test-support/fake-legacy.js';
import { dyingProcess, newSubmission, silentLog } from './test-support/submission-fixtures.js';
import { tempDir } from './test-support/temp-dir.js';

const classify = classifyByCode({ rejectCodes: ['BAD_USER_INPUT'] });
/** Mid-range jitter: delays are exactly ¾ of the nominal step. */
const backoff = exponentialBackoff({ random: () => 0.5 });
const leaseMs = 30_000;

const stores: SubmissionStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function setup(options: { store?: SubmissionStore; clock?: FakeClock; legacy?: FakeLegacy } = {}) {
  const clock = options.clock ?? createFakeClock();
  const store = options.store ?? createMemorySubmissionStore({ clock: clock.now });
  stores.push(store);
  const legacy = options.legacy ?? createFakeLegacy();
  const forwarder = (owner: string, overrides: Partial<ForwarderOptions<FakeRecord>> = {}) =>
    createForwarder<FakeRecord>({ store, system: 'ceet', delivery: legacy.delivery, classify, owner, log: silentLog, leaseMs, backoff, clock: clock.now, ...overrides });
  return { clock, store, legacy, forwarder };
}

describe('forwarder', () => {
  it('delivers queued submissions once the legacy system recovers', async () => {
    const { clock, store, legacy, forwarder } = setup();
    const delivered: string[] = [];
    const a = forwarder('a', { onDelivered: ({ submission }) => delivered.push(submission.externalReference) });
    for (const n of [1, 2, 3]) await store.enqueue(newSubmission(n));

    legacy.mode = 'down';
    expect(await a.runOnce()).toEqual({ claimed: 3, delivered: 0, retried: 3, rejected: 0, released: 0 });
    expect(await store.backlog()).toMatchObject({ pending: 3 });

    legacy.mode = 'up';
    expect(await a.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(750);
    expect(await a.runOnce()).toEqual({ claimed: 3, delivered: 3, retried: 0, rejected: 0, released: 0 });
    expect(legacy.calls.create).toBe(3);
    expect(legacy.duplicates()).toBe(0);
    expect(delivered).toHaveLength(3);
    expect(await store.get(newSubmission(1).externalReference)).toMatchObject({ state: 'delivered', legacyReference: 'CEET-2026-000001', attempts: 2 });
    expect(await store.backlog()).toEqual({ pending: 0, oldestPendingAgeMs: null });
  });

  it('files nothing twice when the process dies between the legacy POST and markDelivered', async () => {
    const { clock, store, legacy, forwarder } = setup();
    await store.enqueue(newSubmission(1));
    const doomed = dyingProcess(store, legacy.delivery, 'markDelivered');
    await forwarder('dying', { store: doomed.store, delivery: doomed.delivery }).runOnce();
    expect(doomed.dead()).toBe(true);
    expect(legacy.calls.create).toBe(1);
    expect(await store.get(newSubmission(1).externalReference)).toMatchObject({ state: 'delivering', leaseOwner: 'dying' });

    const events: boolean[] = [];
    const successor = forwarder('successor', { onDelivered: ({ created }) => events.push(created) });
    expect(await successor.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(leaseMs);
    expect(await successor.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(legacy.calls.create).toBe(1);
    expect(legacy.duplicates()).toBe(0);
    expect(events).toEqual([false]);
    expect(await store.get(newSubmission(1).externalReference)).toMatchObject({ state: 'delivered', legacyReference: 'CEET-2026-000001' });
  });

  it('reconciles a POST that landed although its answer timed out, after waiting for late arrivals', async () => {
    const { clock, store, legacy, forwarder } = setup();
    const a = forwarder('a', { createFailureDelayMs: 10_000 });
    await store.enqueue(newSubmission(1));
    legacy.mode = 'timeout-after-create';
    expect(await a.runOnce()).toMatchObject({ retried: 1 });
    expect(await store.get(newSubmission(1).externalReference)).toMatchObject({ state: 'queued', nextAttemptAt: clock.now() + 10_000, lastError: { code: 'BACKEND_TIMEOUT' } });

    legacy.mode = 'up';
    clock.advance(9_999);
    expect(await a.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await a.runOnce()).toMatchObject({ delivered: 1 });
    expect(legacy.calls.create).toBe(1);
    expect(legacy.duplicates()).toBe(0);
  });

  it('backs off exponentially with jitter, up to the ceiling, and honours Retry-After', async () => {
    const { clock, store, legacy, forwarder } = setup();
    const a = forwarder('a', { backoff: exponentialBackoff({ initialMs: 1_000, maxMs: 8_000, random: () => 0.5 }) });
    await store.enqueue(newSubmission(1));
    legacy.mode = 'down';
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await a.runOnce();
      const row = await store.get(newSubmission(1).externalReference);
      delays.push(row!.nextAttemptAt - clock.now());
      clock.set(row!.nextAttemptAt);
    }
    expect(delays).toEqual([750, 1_500, 3_000, 6_000, 6_000, 6_000]);

    legacy.mode = 'overloaded';
    await a.runOnce();
    // Down at find never reached create; overloaded is raised by create, with Retry-After: 120 s.
    expect((await store.get(newSubmission(1).externalReference))!.nextAttemptAt - clock.now()).toBe(120_000);
  });

  it('rejects for good what the legacy system refuses, with its message', async () => {
    const { clock, store, legacy, forwarder } = setup();
    const rejected: (string | null)[] = [];
    const a = forwarder('a', { onRejected: ({ submission }) => rejected.push(submission.rejectionMessage) });
    await store.enqueue(newSubmission(1));
    legacy.mode = 'refusing';
    expect(await a.runOnce()).toMatchObject({ rejected: 1 });
    expect(rejected).toEqual(['Le code de commune est inconnu.']);
    expect(await store.listForApplicant('100000000001')).toMatchObject([{ state: 'rejected', rejectionMessage: 'Le code de commune est inconnu.', lastError: { code: 'BAD_USER_INPUT' } }]);
    clock.advance(3_600_000);
    legacy.mode = 'up';
    expect(await a.runOnce()).toMatchObject({ claimed: 0 });
    expect(legacy.records).toHaveLength(0);
  });

  it('keeps going when a hook throws', async () => {
    const { store, legacy, forwarder } = setup();
    const a = forwarder('a', {
      onDelivered: () => {
        throw new Error('metrics broke');
      },
    });
    for (const n of [1, 2]) await store.enqueue(newSubmission(n));
    expect(await a.runOnce()).toMatchObject({ delivered: 2 });
    expect(legacy.calls.create).toBe(2);
  });

  it('stop() lets the delivery in flight finish, then gives the rest of the batch back', async () => {
    const { store, legacy, forwarder } = setup();
    for (const n of [1, 2, 3]) await store.enqueue(newSubmission(n));
    const held = legacy.holdCreates();
    const a = forwarder('a');
    a.start();
    await held.started;

    let stopped = false;
    const stopping = a.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    expect(a.running).toBe(false);

    held.release();
    await stopping;
    expect(legacy.calls.create).toBe(1);
    expect(await store.get(newSubmission(1).externalReference)).toMatchObject({ state: 'delivered' });
    for (const n of [2, 3]) expect(await store.get(newSubmission(n).externalReference)).toMatchObject({ state: 'queued', attempts: 0, leaseOwner: null });
  });

  it('stop() resolves at once when idle, and twice is harmless', async () => {
    const { forwarder } = setup();
    const a = forwarder('a');
    a.start();
    await a.stop();
    await a.stop();
    expect(a.running).toBe(false);
  });

  describe('in the background', () => {
    /** A few milliseconds: a zero-delay timer fires 1 ms later, as in Node; far below any poll interval here. */
    const settle = () => vi.advanceTimersByTimeAsync(5);
    afterEach(() => {
      vi.useRealTimers();
    });

    it('polls every pollIntervalMs and drains full batches without waiting', async () => {
      vi.useFakeTimers();
      const legacy = createFakeLegacy();
      const store = createMemorySubmissionStore();
      stores.push(store);
      const a = createForwarder({ store, system: 'ceet', delivery: legacy.delivery, classify, owner: 'a', log: silentLog, pollIntervalMs: 1_000, batchSize: 10 });
      a.start();
      await vi.advanceTimersByTimeAsync(0);
      for (let n = 1; n <= 25; n += 1) await store.enqueue(newSubmission(n));
      expect(legacy.calls.create).toBe(0);
      // One poll after the interval; then batches follow one another with no pause (the clock stays put).
      await vi.advanceTimersByTimeAsync(1_000);
      await settle();
      expect(legacy.calls.create).toBe(25);
      await store.enqueue(newSubmission(26));
      // The last, partial batch ended a few ms after 1000: the next poll is one interval after that.
      await vi.advanceTimersByTimeAsync(990);
      expect(legacy.calls.create).toBe(25);
      await vi.advanceTimersByTimeAsync(20);
      expect(legacy.calls.create).toBe(26);
      await a.stop();
      await store.enqueue(newSubmission(27));
      await vi.advanceTimersByTimeAsync(10_000);
      expect(legacy.calls.create).toBe(26);
      expect(legacy.duplicates()).toBe(0);
    });

    it('survives a store that fails to claim, and polls again', async () => {
      vi.useFakeTimers();
      const legacy = createFakeLegacy();
      const store = createMemorySubmissionStore();
      stores.push(store);
      let failures = 1;
      const flaky: SubmissionStore = {
        ...store,
        claimDue: async (claim) => {
          if (failures-- > 0) throw new Error('database is locked');
          return store.claimDue(claim);
        },
      };
      await store.enqueue(newSubmission(1));
      const a = createForwarder({ store: flaky, system: 'ceet', delivery: legacy.delivery, classify, owner: 'a', log: silentLog, pollIntervalMs: 500 });
      a.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(legacy.calls.create).toBe(0);
      await vi.advanceTimersByTimeAsync(500);
      expect(legacy.calls.create).toBe(1);
      await a.stop();
    });
  });

  describe('restarting from the SQLite file', () => {
    const dir = tempDir();
    afterAll(() => dir.remove());

    it('resumes the queue a stopped process left', async () => {
      const path = join(dir.path, 'resume', 'outbox.sqlite');
      const clock = createFakeClock();
      const legacy = createFakeLegacy();
      const before = setup({ store: createSqliteSubmissionStore({ path, clock: clock.now }), clock, legacy });
      for (const n of [1, 2, 3]) await before.store.enqueue(newSubmission(n));
      legacy.mode = 'down';
      await before.forwarder('before').runOnce();
      await before.store.close();

      legacy.mode = 'up';
      const after = setup({ store: createSqliteSubmissionStore({ path, clock: clock.now }), clock, legacy });
      clock.advance(1_000);
      expect(await after.forwarder('after').runOnce()).toMatchObject({ delivered: 3 });
      expect(legacy.calls.create).toBe(3);
      expect(legacy.duplicates()).toBe(0);
    });

    it('reconciles what a killed process had already filed: 0 duplicates', async () => {
      const path = join(dir.path, 'killed', 'outbox.sqlite');
      const clock = createFakeClock();
      const legacy = createFakeLegacy();
      const killed = setup({ store: createSqliteSubmissionStore({ path, clock: clock.now }), clock, legacy });
      for (let n = 1; n <= 5; n += 1) await killed.store.enqueue(newSubmission(n));
      // Killed right after its first legacy POST, before recording it; the four others it had leased stay leased.
      const doomed = dyingProcess(killed.store, legacy.delivery, 'markDelivered');
      await killed.forwarder('killed', { store: doomed.store, delivery: doomed.delivery, batchSize: 5 }).runOnce();
      expect(doomed.dead()).toBe(true);
      expect(legacy.records).toHaveLength(1);
      await killed.store.close();

      const restarted = setup({ store: createSqliteSubmissionStore({ path, clock: clock.now }), clock, legacy });
      const successor = restarted.forwarder('restarted');
      expect(await successor.runOnce()).toMatchObject({ claimed: 0 });
      clock.advance(leaseMs);
      expect(await successor.runOnce()).toMatchObject({ claimed: 5, delivered: 5 });
      expect(legacy.records).toHaveLength(5);
      expect(legacy.calls.create).toBe(5);
      expect(legacy.duplicates()).toBe(0);
      expect(await restarted.store.backlog()).toEqual({ pending: 0, oldestPendingAgeMs: null });
    });
  });
});
