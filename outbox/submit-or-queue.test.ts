import { afterEach, describe, expect, it } from 'vitest';
import { exponentialBackoff } from './backoff.js';
import { classifyByCode } from './classify-failure.js';
import { createForwarder } from './create-forwarder.js';
import { isIdempotencyConflictError } from './idempotency-conflict-error.js';
import { createMemorySubmissionStore } from './memory-submission-store.js';
import { submitOrQueue, type SubmitOrQueueOptions } from './submit-or-queue.js';
import type { NewSubmission } from './submission.js';
import type { SubmissionStore } from './submission-store.js';
import { createFakeClock } from './test-support/fake-clock.js';
import { createFakeLegacy, FakeLegacyError, type FakeRecord } from './test-support/fake-legacy.js';
import { dyingProcess, newSubmission, silentLog } from './test-support/submission-fixtures.js';

const classify = classifyByCode({ rejectCodes: ['BAD_USER_INPUT'] });
const backoff = exponentialBackoff({ random: () => 0.5 });
const leaseMs = 30_000;

const stores: SubmissionStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function setup() {
  const clock = createFakeClock();
  const store = createMemorySubmissionStore({ clock: clock.now });
  stores.push(store);
  const legacy = createFakeLegacy();
  const submit = (submission: NewSubmission, overrides: Partial<SubmitOrQueueOptions<FakeRecord>> = {}) =>
    submitOrQueue<FakeRecord>({ ...submission, store, delivery: legacy.delivery, classify, owner: 'subgraph-1', leaseMs, backoff, clock: clock.now, log: silentLog, ...overrides });
  const forwarder = (owner = 'subgraph-1') => createForwarder<FakeRecord>({ store, system: 'ceet', delivery: legacy.delivery, classify, owner, log: silentLog, leaseMs, backoff, clock: clock.now });
  return { clock, store, legacy, submit, forwarder };
}

describe('submitOrQueue', () => {
  it('delivers at once when the legacy system is up, and remembers it', async () => {
    const { store, legacy, submit } = setup();
    const outcome = await submit(newSubmission(1));
    expect(outcome).toMatchObject({ kind: 'delivered', replayed: false, record: { reference: 'CEET-2026-000001' } });
    expect(await store.get(newSubmission(1).externalReference)).toMatchObject({ state: 'delivered', legacyReference: 'CEET-2026-000001', attempts: 1, leaseOwner: null });
    expect(legacy.calls).toEqual({ find: 1, create: 1 });
  });

  it('answers a client retry of a delivered submission from the legacy record, never creating again', async () => {
    const { legacy, submit } = setup();
    await submit(newSubmission(1));
    expect(await submit(newSubmission(1))).toMatchObject({ kind: 'delivered', replayed: true, record: { reference: 'CEET-2026-000001' } });
    expect(legacy.calls.create).toBe(1);
  });

  it('answers a retry of a delivered submission from the stored row while the legacy system is down', async () => {
    const { legacy, submit } = setup();
    await submit(newSubmission(1));
    legacy.mode = 'down';
    expect(await submit(newSubmission(1))).toMatchObject({ kind: 'delivered-offline', submission: { state: 'delivered', legacyReference: 'CEET-2026-000001' } });
    expect(legacy.calls.create).toBe(1);
  });

  it('queues when the ministry cannot take it now, and answers retries from the store alone', async () => {
    const { clock, store, legacy, submit } = setup();
    legacy.mode = 'down';
    const outcome = await submit(newSubmission(1));
    expect(outcome).toMatchObject({ kind: 'queued', submission: { state: 'queued', attempts: 1, nextAttemptAt: clock.now() + 750, lastError: { code: 'BACKEND_UNAVAILABLE' } } });
    const calls = { ...legacy.calls };

    legacy.mode = 'up';
    expect(await submit(newSubmission(1))).toMatchObject({ kind: 'queued', submission: { externalReference: newSubmission(1).externalReference } });
    expect(legacy.calls).toEqual(calls);
    expect(await store.backlog()).toEqual({ pending: 1, oldestPendingAgeMs: 0 });
  });

  it('hands the queued submission to the forwarder, and later retries see it delivered', async () => {
    const { clock, legacy, submit, forwarder } = setup();
    legacy.mode = 'down';
    await submit(newSubmission(1));
    legacy.mode = 'up';
    clock.advance(750);
    expect(await forwarder().runOnce()).toMatchObject({ delivered: 1 });
    expect(await submit(newSubmission(1))).toMatchObject({ kind: 'delivered', replayed: true });
    expect(legacy.calls.create).toBe(1);
  });

  it('refuses a key reused for another request', async () => {
    const { legacy, submit } = setup();
    legacy.mode = 'down';
    await submit(newSubmission(1));
    const error: unknown = await submit(newSubmission(1, { payload: { meterType: 'THREE_PHASE' } })).catch((e: unknown) => e);
    expect(isIdempotencyConflictError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', externalReference: newSubmission(1).externalReference });
  });

  it('shares one attempt between concurrent identical calls', async () => {
    const { legacy, submit } = setup();
    const held = legacy.holdCreates();
    const calls = Array.from({ length: 10 }, () => submit(newSubmission(1)));
    await held.started;
    held.release();
    const outcomes = await Promise.all(calls);
    expect(outcomes.every((o) => o.kind === 'delivered' && o.record.reference === 'CEET-2026-000001')).toBe(true);
    expect(legacy.calls.create).toBe(1);
  });

  it('refuses a concurrent call with the same key and another payload', async () => {
    const { legacy, submit } = setup();
    const held = legacy.holdCreates();
    const first = submit(newSubmission(1));
    const other = submit(newSubmission(1, { payload: { meterType: 'THREE_PHASE' } })).catch((e: unknown) => e);
    await held.started;
    held.release();
    expect(await first).toMatchObject({ kind: 'delivered' });
    expect(isIdempotencyConflictError(await other)).toBe(true);
    expect(legacy.calls.create).toBe(1);
  });

  it('leaves nothing behind when the ministry refuses: the error surfaces, and a corrected resend goes through', async () => {
    const { store, legacy, submit } = setup();
    legacy.mode = 'refusing';
    const error: unknown = await submit(newSubmission(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FakeLegacyError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', userMessage: 'Le code de commune est inconnu.' });
    expect(await store.get(newSubmission(1).externalReference)).toBeNull();

    legacy.mode = 'up';
    expect(await submit(newSubmission(1, { payload: { communeCode: 'LOM-02' } }))).toMatchObject({ kind: 'delivered' });
  });

  it('answers rejected to a retry of a queued submission the ministry later refused', async () => {
    const { clock, legacy, submit, forwarder } = setup();
    legacy.mode = 'down';
    await submit(newSubmission(1));
    legacy.mode = 'refusing';
    clock.advance(10_000);
    await forwarder().runOnce();
    expect(await submit(newSubmission(1))).toMatchObject({ kind: 'rejected', submission: { rejectionMessage: 'Le code de commune est inconnu.' } });
  });

  it('queues a POST whose answer timed out, and the forwarder finds it instead of filing it again', async () => {
    const { clock, legacy, submit, forwarder } = setup();
    legacy.mode = 'timeout-after-create';
    const outcome = await submit(newSubmission(1), { createFailureDelayMs: 10_000 });
    expect(outcome).toMatchObject({ kind: 'queued', submission: { nextAttemptAt: clock.now() + 10_000 } });
    legacy.mode = 'up';
    clock.advance(10_000);
    expect(await forwarder().runOnce()).toMatchObject({ delivered: 1 });
    expect(legacy.records).toHaveLength(1);
    expect(legacy.duplicates()).toBe(0);
  });

  it('covers a process killed mid-POST: the client’s retry on the successor is QUEUED, not a second filing', async () => {
    const { clock, store, legacy, submit, forwarder } = setup();
    // The first process wrote ahead, POSTed (it landed), and was killed before recording the outcome.
    const doomed = dyingProcess(store, legacy.delivery, 'markDelivered');
    await submitOrQueue<FakeRecord>({ ...newSubmission(1), store: doomed.store, delivery: doomed.delivery, classify, owner: 'killed', leaseMs, clock: clock.now }).catch(() => undefined);
    expect(doomed.dead()).toBe(true);
    expect(legacy.records).toHaveLength(1);

    expect(await submit(newSubmission(1))).toMatchObject({ kind: 'queued', submission: { state: 'delivering', leaseOwner: 'killed' } });
    clock.advance(leaseMs);
    expect(await forwarder('successor').runOnce()).toMatchObject({ delivered: 1 });
    expect(legacy.calls.create).toBe(1);
    expect(await submit(newSubmission(1))).toMatchObject({ kind: 'delivered', record: { reference: 'CEET-2026-000001' } });
  });

  it('checks a record the legacy system had before the store knew of it', async () => {
    const { legacy, submit } = setup();
    legacy.file({ externalReference: newSubmission(1).externalReference, payload: { meterType: 'THREE_PHASE' } });
    const sameRecord = (record: FakeRecord) => JSON.stringify(record.payload) === JSON.stringify(newSubmission(1).payload);
    const error: unknown = await submit(newSubmission(1), { sameRecord }).catch((e: unknown) => e);
    expect(isIdempotencyConflictError(error)).toBe(true);
    expect(legacy.calls.create).toBe(0);

    legacy.file({ externalReference: newSubmission(2).externalReference, payload: newSubmission(2).payload });
    expect(await submit(newSubmission(2), { sameRecord: () => true })).toMatchObject({ kind: 'delivered', replayed: true });
  });

  it('fails without accepting anything when the store cannot write', async () => {
    const { store, legacy } = setup();
    const broken: SubmissionStore = { ...store, enqueue: async () => Promise.reject(new Error('disk full')) };
    await expect(submitOrQueue<FakeRecord>({ ...newSubmission(1), store: broken, delivery: legacy.delivery, classify, owner: 'a', leaseMs })).rejects.toThrow('disk full');
    expect(legacy.calls).toEqual({ find: 0, create: 0 });
  });
});
