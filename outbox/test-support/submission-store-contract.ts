import { afterEach, describe, expect, it } from 'vitest';
import { classifyByCode, createForwarder, exponentialBackoff, type SubmissionStore } from '../index.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';
import { createFakeLegacy } from './fake-legacy.js';
import { dyingProcess, newSubmission, silentLog } from './submission-fixtures.js';

export type StoreFactory = (clock: FakeClock) => SubmissionStore | Promise<SubmissionStore>;

/** Two stores over one storage, as two replicas (two processes) of a subgraph would open it. */
export type ReplicasFactory = (clock: FakeClock) => Promise<readonly [SubmissionStore, SubmissionStore]>;

export interface SubmissionStoreContractOptions {
  /** For a store several processes share (a SQLite file, PostgreSQL): runs the replica part of the contract. */
  readonly replicas?: ReplicasFactory;
}

const error = { code: 'BACKEND_UNAVAILABLE', message: 'ceet.submitDossier: connect ECONNREFUSED' };
const lease = { leaseMs: 30_000, limit: 10 };

/**
 * The behaviour every SubmissionStore must have; each implementation runs this suite (a server database too, when
 * one is written).
 */
export function describeSubmissionStoreContract(name: string, factory: StoreFactory, options: SubmissionStoreContractOptions = {}): void {
  if (options.replicas) describeReplicaContract(name, options.replicas);
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

    describe('outcome feed', () => {
      /** Enqueues submission n (of `system`) and leases it to `a`. */
      const leased = async (store: SubmissionStore, n: number, overrides: Parameters<typeof newSubmission>[1] = {}) => {
        await store.enqueue(newSubmission(n, overrides));
        const claimed = await store.claimDue({ ...lease, now: clock.now(), owner: 'a', ...(overrides.system ? { system: overrides.system } : {}) });
        const row = claimed.find((c) => c.externalReference === newSubmission(n).externalReference);
        if (!row) throw new Error(`submission ${n} not claimed`);
        return row.externalReference;
      };

      it('lists nothing, and a head of 0, before any submission ends', async () => {
        const store = await open();
        await store.enqueue(newSubmission(1));
        await leased(store, 2);
        await store.markRetry(newSubmission(2).externalReference, { owner: 'a', error, nextAttemptAt: clock.now() + 1_000 });
        expect(await store.outcomesAfter(0, 10)).toEqual({ outcomes: [], next: 0 });
        expect(await store.outcomeHead()).toBe(0);
      });

      it('numbers each delivery and rejection in the order they happen, with what a notice needs', async () => {
        const store = await open();
        const first = await leased(store, 1);
        const second = await leased(store, 2, { applicantNiu: '100000000002' });
        clock.advance(500);
        await store.markRejected(second, { owner: 'a', error: { code: 'BAD_USER_INPUT', message: 'quarter unknown' }, message: 'Quartier inconnu.' });
        clock.advance(500);
        await store.markDelivered(first, { legacyReference: 'CEET-2026-000001', deliveredAt: clock.now() - 100 });

        const page = await store.outcomesAfter(0, 10);
        expect(page.outcomes).toEqual([
          {
            sequence: expect.any(Number),
            outcome: 'rejected',
            externalReference: second,
            system: 'ceet',
            procedureCode: 'CEET-RACCORDEMENT-BT',
            applicantNiu: '100000000002',
            legacyReference: null,
            rejectionMessage: 'Quartier inconnu.',
            at: clock.now() - 500,
          },
          {
            sequence: expect.any(Number),
            outcome: 'delivered',
            externalReference: first,
            system: 'ceet',
            procedureCode: 'CEET-RACCORDEMENT-BT',
            applicantNiu: '100000000001',
            legacyReference: 'CEET-2026-000001',
            rejectionMessage: null,
            at: clock.now(),
          },
        ]);
        const [a, b] = page.outcomes.map((o) => o.sequence);
        expect(a).toBeGreaterThan(0);
        expect(b).toBeGreaterThan(a ?? Number.POSITIVE_INFINITY);
        expect(page.next).toBe(b);
        expect(await store.outcomeHead()).toBe(b);
        expect(await store.outcomesAfter(b ?? 0, 10)).toEqual({ outcomes: [], next: b });
      });

      it('pages by cursor: every outcome once, in order, whatever the page size', async () => {
        const store = await open();
        for (let n = 1; n <= 7; n += 1) {
          const ref = await leased(store, n);
          clock.advance(10);
          if (n % 3 === 0) await store.markRejected(ref, { owner: 'a', error, message: 'Refusé.' });
          else await store.markDelivered(ref, { legacyReference: `CEET-2026-00000${n}`, deliveredAt: clock.now() });
        }
        const all = (await store.outcomesAfter(0, 100)).outcomes;
        expect(all.map((o) => o.externalReference)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => newSubmission(n).externalReference));
        for (const size of [1, 2, 3, 7]) {
          const seen: string[] = [];
          let cursor = 0;
          for (let pages = 0; pages < 20; pages += 1) {
            const page = await store.outcomesAfter(cursor, size);
            expect(page.outcomes.length).toBeLessThanOrEqual(size);
            if (page.outcomes.length === 0) break;
            seen.push(...page.outcomes.map((o) => o.externalReference));
            cursor = page.next;
          }
          expect(seen).toEqual(all.map((o) => o.externalReference));
        }
        expect(await store.outcomesAfter(0, 0)).toEqual({ outcomes: [], next: 0 });
      });

      it('filters by system, the sequence staying the store’s', async () => {
        const store = await open();
        const ceet = await leased(store, 1);
        const rnec = await leased(store, 2, { system: 'rnec', procedureCode: 'RNEC-COPIE-NAISSANCE' });
        await store.markDelivered(rnec, { legacyReference: 'RNEC-2026-000002', deliveredAt: clock.now() });
        await store.markDelivered(ceet, { legacyReference: 'CEET-2026-000001', deliveredAt: clock.now() });
        const onlyCeet = await store.outcomesAfter(0, 10, { system: 'ceet' });
        expect(onlyCeet.outcomes.map((o) => o.externalReference)).toEqual([ceet]);
        const rnecPage = await store.outcomesAfter(0, 10, { system: 'rnec' });
        expect(rnecPage.outcomes.map((o) => o.externalReference)).toEqual([rnec]);
        expect(await store.outcomeHead({ system: 'rnec' })).toBe(rnecPage.next);
        expect(await store.outcomeHead({ system: 'ceet' })).toBe(onlyCeet.next);
        expect(onlyCeet.next).toBeGreaterThan(rnecPage.next);
      });

      it('lists a rejected submission found delivered after all again, as delivered, once', async () => {
        const store = await open();
        const ref = await leased(store, 1);
        await store.markRejected(ref, { owner: 'a', error, message: 'Refusé.' });
        const rejected = await store.outcomesAfter(0, 10);
        expect(rejected.outcomes.map((o) => o.outcome)).toEqual(['rejected']);
        await store.markDelivered(ref, { legacyReference: 'CEET-2026-000001', deliveredAt: clock.now() });
        // A second markDelivered is no change: no second outcome.
        await store.markDelivered(ref, { legacyReference: 'CEET-2026-000009', deliveredAt: clock.now() });
        const after = await store.outcomesAfter(rejected.next, 10);
        expect(after.outcomes).toMatchObject([{ outcome: 'delivered', externalReference: ref, legacyReference: 'CEET-2026-000001' }]);
        expect((await store.outcomesAfter(0, 10)).outcomes).toHaveLength(1);
      });

      it('records nothing for a fenced-off rejection, a release or a discard', async () => {
        const store = await open();
        const ref = await leased(store, 1);
        expect(await store.markRejected(ref, { owner: 'someone-else', error, message: 'non' })).toBeNull();
        await store.release(ref, { owner: 'a' });
        const again = await leased(store, 1);
        expect(await store.discard(again, { owner: 'a' })).toBe(true);
        expect(await store.outcomesAfter(0, 10)).toEqual({ outcomes: [], next: 0 });
      });
    });
  });
}

/**
 * What replicas sharing one store must hold: their claims never overlap, an abandoned lease is taken over after it
 * runs out, and forwarders running on both at once deliver every submission exactly once, a killed replica's too.
 */
function describeReplicaContract(name: string, replicas: ReplicasFactory): void {
  describe(`${name}: two replicas on one store`, () => {
    const opened: SubmissionStore[] = [];
    let clock: FakeClock;
    const open = async () => {
      clock = createFakeClock();
      const pair = await replicas(clock);
      opened.push(...pair);
      return pair;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    const refsOf = (rows: readonly { externalReference: string }[]) => rows.map((r) => r.externalReference);

    it('numbers the outcomes both replicas record at once uniquely, each listed once, in order', async () => {
      const [a, b] = await open();
      for (let n = 1; n <= 20; n += 1) await a.enqueue(newSubmission(n));
      const [mine, theirs] = await Promise.all([a.claimDue({ ...lease, limit: 10, now: clock.now(), owner: 'a' }), b.claimDue({ ...lease, limit: 10, now: clock.now(), owner: 'b' })]);
      await Promise.all([
        ...mine.map((s, i) =>
          i % 2 === 0
            ? a.markDelivered(s.externalReference, { legacyReference: `CEET-2026-${i}`, deliveredAt: clock.now() })
            : a.markRejected(s.externalReference, { owner: 'a', error, message: 'Refusé.' }),
        ),
        ...theirs.map((s) => b.markDelivered(s.externalReference, { legacyReference: 'CEET-2026-B', deliveredAt: clock.now() })),
      ]);
      const listed = (await b.outcomesAfter(0, 100)).outcomes;
      expect(new Set(listed.map((o) => o.sequence)).size).toBe(20);
      expect(listed.map((o) => o.sequence)).toEqual([...listed.map((o) => o.sequence)].sort((x, y) => x - y));
      expect(new Set(refsOf(listed)).size).toBe(20);
      expect(await a.outcomeHead()).toBe(listed.at(-1)?.sequence);
    });

    it('sees the other replica’s enqueue as a retry, and another payload as a conflict', async () => {
      const [a, b] = await open();
      const results = await Promise.all([a.enqueue(newSubmission(1)), b.enqueue(newSubmission(1))]);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      expect(results.every((r) => !r.conflict)).toBe(true);
      expect(await b.enqueue(newSubmission(1, { payload: { other: true } }))).toMatchObject({ created: false, conflict: true });
    });

    it('never gives one row to both replicas claiming at once', async () => {
      const [a, b] = await open();
      for (let n = 1; n <= 60; n += 1) await a.enqueue(newSubmission(n));
      const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).claimDue({ now: clock.now(), limit: 7, leaseMs: 30_000, owner: `owner-${i}` })));
      const refs = claims.flatMap(refsOf);
      expect(refs).toHaveLength(60);
      expect(new Set(refs).size).toBe(60);
    });

    it('takes over the rows of a replica that died holding them, once their lease ran out', async () => {
      const [a, b] = await open();
      await a.enqueue(newSubmission(1));
      await a.claimDue({ now: clock.now(), limit: 10, leaseMs: 30_000, owner: 'dead' });
      expect(await b.claimDue({ now: clock.now() + 29_999, limit: 10, leaseMs: 30_000, owner: 'b' })).toEqual([]);
      expect(await b.claimDue({ now: clock.now() + 30_000, limit: 10, leaseMs: 30_000, owner: 'b' })).toMatchObject([{ leaseOwner: 'b', attempts: 2 }]);
      expect(await a.markRetry(newSubmission(1).externalReference, { owner: 'dead', error: { code: 'X', message: 'late' }, nextAttemptAt: clock.now() })).toBeNull();
    });

    it('delivers every submission exactly once with both replicas’ forwarders running, one of them killed mid-delivery', async () => {
      const [a, b] = await open();
      const legacy = createFakeLegacy();
      const count = 40;
      for (let n = 1; n <= count; n += 1) await (n % 2 === 0 ? a : b).enqueue(newSubmission(n));
      const leaseMs = 30_000;
      const common = { system: 'ceet' as const, classify: classifyByCode({ rejectCodes: ['BAD_USER_INPUT'] }), log: silentLog, leaseMs, backoff: exponentialBackoff(), clock: clock.now };
      // Replica A dies right after its first legacy POST, before recording it: its whole batch stays leased.
      const doomed = dyingProcess(a, legacy.delivery, 'markDelivered');
      const forwarderA = createForwarder({ ...common, store: doomed.store, delivery: doomed.delivery, owner: 'replica-a', batchSize: 10 });
      const created: boolean[] = [];
      const forwarderB = createForwarder({ ...common, store: b, delivery: legacy.delivery, owner: 'replica-b', batchSize: 3, onDelivered: (event) => created.push(event.created) });
      const drain = async (forwarder: typeof forwarderB) => {
        while ((await forwarder.runOnce()).claimed > 0);
      };
      await Promise.all([forwarderA.runOnce(), drain(forwarderB)]);
      expect(doomed.dead()).toBe(true);
      const abandoned = (await b.backlog()).pending;
      expect(abandoned).toBeGreaterThan(0);
      // Nothing of A's is due before its lease runs out; then B takes it over and reconciles.
      await drain(forwarderB);
      expect((await b.backlog()).pending).toBe(abandoned);
      clock.advance(leaseMs);
      await drain(forwarderB);

      expect(legacy.records).toHaveLength(count);
      expect(legacy.duplicates()).toBe(0);
      expect(created.filter((c) => !c)).toHaveLength(1);
      expect(await b.backlog()).toEqual({ pending: 0, oldestPendingAgeMs: null });
      for (let n = 1; n <= count; n += 1) expect(await b.get(newSubmission(n).externalReference)).toMatchObject({ state: 'delivered' });
    });
  });
}
