import { afterEach, describe, expect, it } from 'vitest';
import type { SubmissionStore } from '../index.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';
import { describeOutcomeFeedContract } from './outcome-feed-contract.js';
import { describeReplicaContract } from './replica-contract.js';
import { contractError as error, contractLease as lease, newSubmission } from './submission-fixtures.js';

export type StoreFactory = (clock: FakeClock) => SubmissionStore | Promise<SubmissionStore>;

/** Two stores over one storage, as two replicas (two processes) of a subgraph would open it. */
export type ReplicasFactory = (clock: FakeClock) => Promise<readonly [SubmissionStore, SubmissionStore]>;

export interface SubmissionStoreContractOptions {
  /** For a store several processes share (a SQLite file, PostgreSQL): runs the replica part of the contract. */
  readonly replicas?: ReplicasFactory;
}

/**
 * The behaviour every SubmissionStore must have; each implementation runs this suite (a server database too, when
 * one is written).
 */
export function describeSubmissionStoreContract(name: string, factory: StoreFactory, options: SubmissionStoreContractOptions = {}): void {
  if (options.replicas) describeReplicaContract(name, options.replicas);
  describeOutcomeFeedContract(name, factory);
  describe(`${name}: SubmissionStore contract`, () => {
    const opened: SubmissionStore[] = [];
    let clock: FakeClock;
    const open = async () => {
      clock = createFakeClock();
      const store = await factory(clock);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('enqueue', () => {
      it('stores a queued row, due now, with its payload as JSON data', async () => {
        const store = await open();
        const { submission, created, conflict } = await store.enqueue(newSubmission(1));
        expect({ created, conflict }).toEqual({ created: true, conflict: false });
        expect(submission).toMatchObject({
          externalReference: newSubmission(1).externalReference,
          system: 'ceet',
          procedureCode: 'CEET-RACCORDEMENT-BT',
          applicantNiu: '100000000001',
          payload: newSubmission(1).payload,
          idempotencyKeyHash: 'hash-1',
          state: 'queued',
          attempts: 0,
          lastError: null,
          rejectionMessage: null,
          legacyReference: null,
          createdAt: clock.now(),
          updatedAt: clock.now(),
          nextAttemptAt: clock.now(),
          deliveredAt: null,
          leaseOwner: null,
          leaseUntil: null,
        });
        expect(await store.get(submission.externalReference)).toEqual(submission);
      });

      it('is idempotent on the external reference: a retry gets the existing row', async () => {
        const store = await open();
        const first = await store.enqueue(newSubmission(1));
        clock.advance(5_000);
        const again = await store.enqueue(newSubmission(1));
        expect(again).toEqual({ submission: first.submission, created: false, conflict: false });
      });

      it('treats the same payload with keys in another order as the same request', async () => {
        const store = await open();
        await store.enqueue(newSubmission(1, { payload: { a: 1, b: { c: 2, d: [1, 2] } } }));
        const again = await store.enqueue(newSubmission(1, { payload: { b: { d: [1, 2], c: 2 }, a: 1 } }));
        expect(again.conflict).toBe(false);
      });

      it('flags another payload under the same external reference, and keeps the first', async () => {
        const store = await open();
        const first = await store.enqueue(newSubmission(1));
        const other = await store.enqueue(newSubmission(1, { payload: { meterType: 'THREE_PHASE' } }));
        expect(other).toEqual({ submission: first.submission, created: false, conflict: true });
      });

      it('can create the row already leased to an inline deliverer', async () => {
        const store = await open();
        const { submission } = await store.enqueue(newSubmission(1), { lease: { owner: 'inline', leaseMs: 30_000 } });
        expect(submission).toMatchObject({ state: 'delivering', attempts: 1, leaseOwner: 'inline', leaseUntil: clock.now() + 30_000 });
        expect(await store.claimDue({ ...lease, now: clock.now(), owner: 'forwarder' })).toEqual([]);
        clock.advance(30_000);
        expect(await store.claimDue({ ...lease, now: clock.now(), owner: 'forwarder' })).toMatchObject([{ attempts: 2, leaseOwner: 'forwarder' }]);
      });

      it('hands out copies: changing a returned row changes nothing stored', async () => {
        const store = await open();
        const { submission } = await store.enqueue(newSubmission(1));
        (submission.payload as Record<string, unknown>).applianceCount = 99;
        expect((await store.get(submission.externalReference))?.payload).toEqual(newSubmission(1).payload);
      });
    });

    it('get answers null for an unknown reference', async () => {
      const store = await open();
      expect(await store.get('GCH-UNKNOWN')).toBeNull();
    });

    it('lists what the legacy systems cannot show a citizen, newest first', async () => {
      const store = await open();
      await store.enqueue(newSubmission(1));
      clock.advance(1_000);
      await store.enqueue(newSubmission(2, { system: 'rnec', procedureCode: 'RNEC-COPIE-NAISSANCE' }));
      clock.advance(1_000);
      await store.enqueue(newSubmission(3));
      clock.advance(1_000);
      await store.enqueue(newSubmission(4, { applicantNiu: '100000000002' }));
      const [third] = await store.claimDue({ ...lease, limit: 1, now: clock.now(), owner: 'a' });
      expect(third?.externalReference).toBe(newSubmission(1).externalReference);
      await store.markDelivered(newSubmission(1).externalReference, { legacyReference: 'CEET-2026-000001', deliveredAt: clock.now() });

      const refs = (rows: readonly { externalReference: string }[]) => rows.map((r) => r.externalReference);
      expect(refs(await store.listForApplicant('100000000001'))).toEqual([newSubmission(3), newSubmission(2)].map((s) => s.externalReference));
      expect(refs(await store.listForApplicant('100000000001', { system: 'ceet' }))).toEqual([newSubmission(3).externalReference]);
      expect(refs(await store.listForApplicant('100000000001', { states: ['delivered'] }))).toEqual([newSubmission(1).externalReference]);
      expect(await store.listForApplicant('100000000009')).toEqual([]);
    });

    describe('claimDue', () => {
      it('leases due rows, oldest due first, up to the limit, counting an attempt', async () => {
        const store = await open();
        for (const n of [1, 2, 3]) {
          await store.enqueue(newSubmission(n));
          clock.advance(10);
        }
        const claimed = await store.claimDue({ ...lease, limit: 2, now: clock.now(), owner: 'a' });
        expect(claimed.map((s) => s.externalReference)).toEqual([newSubmission(1), newSubmission(2)].map((s) => s.externalReference));
        expect(claimed[0]).toMatchObject({ state: 'delivering', attempts: 1, leaseOwner: 'a', leaseUntil: clock.now() + 30_000, updatedAt: clock.now() });
        expect(await store.get(newSubmission(2).externalReference)).toEqual(claimed[1]);
        expect((await store.claimDue({ ...lease, now: clock.now(), owner: 'a' })).map((s) => s.externalReference)).toEqual([newSubmission(3).externalReference]);
        expect(await store.claimDue({ ...lease, now: clock.now(), owner: 'a' })).toEqual([]);
      });

      it('leaves rows whose next attempt has not come yet', async () => {
        const store = await open();
        await store.enqueue(newSubmission(1));
        const [row] = await store.claimDue({ ...lease, now: clock.now(), owner: 'a' });
        await store.markRetry(row!.externalReference, { owner: 'a', error, nextAttemptAt: clock.now() + 2_000 });
        expect(await store.claimDue({ ...lease, now: clock.now() + 1_999, owner: 'a' })).toEqual([]);
        expect(await store.claimDue({ ...lease, now: clock.now() + 2_000, owner: 'a' })).toHaveLength(1);
      });

      it('claims only the given system when asked', async () => {
        const store = await open();
        await store.enqueue(newSubmission(1));
        await store.enqueue(newSubmission(2, { system: 'rnec' }));
        expect((await store.claimDue({ ...lease, now: clock.now(), owner: 'a', system: 'rnec' })).map((s) => s.system)).toEqual(['rnec']);
      });

      it('never gives the same row to two owners', async () => {
        const store = await open();
        for (let n = 1; n <= 20; n += 1) await store.enqueue(newSubmission(n));
        const [a, b] = await Promise.all([store.claimDue({ ...lease, limit: 15, now: clock.now(), owner: 'a' }), store.claimDue({ ...lease, limit: 15, now: clock.now(), owner: 'b' })]);
        const refsA = a.map((s) => s.externalReference);
        const refsB = b.map((s) => s.externalReference);
        expect(refsA.filter((ref) => refsB.includes(ref))).toEqual([]);
        expect(new Set([...refsA, ...refsB]).size).toBe(20);
      });

      it('re-claims a row whose lease ran out (its owner died), not before', async () => {
        const store = await open();
        await store.enqueue(newSubmission(1));
        await store.claimDue({ ...lease, now: clock.now(), owner: 'dead' });
        clock.advance(29_999);
        expect(await store.claimDue({ ...lease, now: clock.now(), owner: 'b' })).toEqual([]);
        clock.advance(1);
        expect(await store.claimDue({ ...lease, now: clock.now(), owner: 'b' })).toMatchObject([{ leaseOwner: 'b', attempts: 2, state: 'delivering' }]);
        // The dead owner's late writes are fenced off.
        expect(await store.markRetry(newSubmission(1).externalReference, { owner: 'dead', error, nextAttemptAt: clock.now() })).toBeNull();
        expect(await store.markRejected(newSubmission(1).externalReference, { owner: 'dead', error, message: 'non' })).toBeNull();
        expect(await store.release(newSubmission(1).externalReference, { owner: 'dead' })).toBeNull();
        expect(await store.discard(newSubmission(1).externalReference, { owner: 'dead' })).toBe(false);
        expect(await store.get(newSubmission(1).externalReference)).toMatchObject({ state: 'delivering', leaseOwner: 'b' });
      });
    });

    describe('outcomes', () => {
      const claimOne = async (store: SubmissionStore, owner = 'a') => {
        await store.enqueue(newSubmission(1));
        const [row] = await store.claimDue({ ...lease, now: clock.now(), owner });
        if (!row) throw new Error('nothing claimed');
        return row.externalReference;
      };

      it('markDelivered records the legacy reference once and ends the lease', async () => {
        const store = await open();
        const ref = await claimOne(store);
        clock.advance(100);
        const delivered = await store.markDelivered(ref, { legacyReference: 'CEET-2026-000001', deliveredAt: clock.now() });
        expect(delivered).toMatchObject({ state: 'delivered', legacyReference: 'CEET-2026-000001', deliveredAt: clock.now(), leaseOwner: null, leaseUntil: null, updatedAt: clock.now() });
        expect(await store.markDelivered(ref, { legacyReference: 'CEET-2026-000002', deliveredAt: clock.now() })).toBeNull();
        expect(await store.markRetry(ref, { owner: 'a', error, nextAttemptAt: clock.now() })).toBeNull();
        expect(await store.get(ref)).toMatchObject({ legacyReference: 'CEET-2026-000001' });
        clock.advance(60_000);
        expect(await store.claimDue({ ...lease, now: clock.now(), owner: 'a' })).toEqual([]);
      });

      it('markDelivered on an unknown reference answers null', async () => {
        const store = await open();
        expect(await store.markDelivered('GCH-UNKNOWN', { legacyReference: 'X', deliveredAt: 0 })).toBeNull();
      });

      it('markRetry puts the row back in the queue with its error', async () => {
        const store = await open();
        const ref = await claimOne(store);
        const retried = await store.markRetry(ref, { owner: 'a', error, nextAttemptAt: clock.now() + 1_000 });
        expect(retried).toMatchObject({ state: 'queued', lastError: error, nextAttemptAt: clock.now() + 1_000, leaseOwner: null, leaseUntil: null, attempts: 1 });
      });

      it('markRejected keeps the ministry’s message and is never claimed again', async () => {
        const store = await open();
        const ref = await claimOne(store);
        const rejected = await store.markRejected(ref, { owner: 'a', error: { code: 'BAD_USER_INPUT', message: 'refused' }, message: 'Le code de commune est inconnu.' });
        expect(rejected).toMatchObject({ state: 'rejected', rejectionMessage: 'Le code de commune est inconnu.', lastError: { code: 'BAD_USER_INPUT' }, leaseOwner: null });
        clock.advance(60_000);
        expect(await store.claimDue({ ...lease, now: clock.now(), owner: 'a' })).toEqual([]);
      });

      it('release gives a claimed row back untried, claimable at once', async () => {
        const store = await open();
        const ref = await claimOne(store);
        expect(await store.release(ref, { owner: 'a' })).toMatchObject({ state: 'queued', attempts: 0, leaseOwner: null, leaseUntil: null });
        expect(await store.claimDue({ ...lease, now: clock.now(), owner: 'b' })).toMatchObject([{ attempts: 1, leaseOwner: 'b' }]);
      });

      it('discard deletes a row only for its lease owner', async () => {
        const store = await open();
        const ref = await claimOne(store);
        expect(await store.discard(ref, { owner: 'b' })).toBe(false);
        expect(await store.discard(ref, { owner: 'a' })).toBe(true);
        expect(await store.get(ref)).toBeNull();
        expect((await store.enqueue(newSubmission(1, { payload: { corrected: true } }))).created).toBe(true);
      });
    });

    it('reports the backlog: pending rows and the age of the oldest', async () => {
      const store = await open();
      expect(await store.backlog()).toEqual({ pending: 0, oldestPendingAgeMs: null });
      await store.enqueue(newSubmission(1));
      clock.advance(1_000);
      await store.enqueue(newSubmission(2));
      await store.enqueue(newSubmission(3, { system: 'rnec' }));
      clock.advance(1_000);
      await store.enqueue(newSubmission(4));
      await store.claimDue({ ...lease, limit: 1, now: clock.now(), owner: 'a', system: 'ceet' });
      expect(await store.backlog()).toEqual({ pending: 4, oldestPendingAgeMs: 2_000 });
      expect(await store.backlog({ system: 'rnec' })).toEqual({ pending: 1, oldestPendingAgeMs: 1_000 });
      await store.markDelivered(newSubmission(1).externalReference, { legacyReference: 'CEET-2026-000001', deliveredAt: clock.now() });
      const [two] = await store.claimDue({ ...lease, limit: 1, now: clock.now(), owner: 'a', system: 'ceet' });
      await store.markRejected(two!.externalReference, { owner: 'a', error, message: 'non' });
      expect(await store.backlog({ system: 'ceet' })).toEqual({ pending: 1, oldestPendingAgeMs: 0 });
    });

    it('refuses work once closed', async () => {
      const store = await open();
      await store.close();
      await expect(store.get('GCH-X')).rejects.toThrow(/closed/);
      await expect(store.enqueue(newSubmission(1))).rejects.toThrow(/closed/);
      await store.close();
    });
  });
}
