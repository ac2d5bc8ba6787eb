import { afterEach, describe, expect, it } from 'vitest';
import type { SubmissionStore } from '../index.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';
import { contractError as error, contractLease as lease, newSubmission } from './submission-fixtures.js';
import type { StoreFactory } from './submission-store-contract.js';

/**
 * The outcome feed every SubmissionStore serves (docs/events.md): each delivery or rejection numbered in the same write
 * as its state change, listed after a cursor, in order, once.
 */
export function describeOutcomeFeedContract(name: string, factory: StoreFactory): void {
  describe(`${name}: outcome feed`, () => {
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
      // Filed for a company (its NIF in the payload, as the adapters' inputs name a company applicant).
      const third = await leased(store, 3, { payload: { company: { nif: '1000000016', rccm: 'TG-LOM-2019-B-01234' } } });
      clock.advance(500);
      await store.markRejected(second, { owner: 'a', error: { code: 'BAD_USER_INPUT', message: 'quarter unknown' }, message: 'Quartier inconnu.' });
      clock.advance(500);
      await store.markDelivered(first, { legacyReference: 'CEET-2026-000001', deliveredAt: clock.now() - 100 });
      await store.markDelivered(third, { legacyReference: 'CEET-2026-000003', deliveredAt: clock.now() - 100 });

      const page = await store.outcomesAfter(0, 10);
      expect(page.outcomes).toEqual([
        {
          sequence: expect.any(Number),
          outcome: 'rejected',
          externalReference: second,
          system: 'ceet',
          procedureCode: 'CEET-RACCORDEMENT-BT',
          applicantNiu: '100000000002',
          companyNif: null,
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
          companyNif: null,
          legacyReference: 'CEET-2026-000001',
          rejectionMessage: null,
          at: clock.now(),
        },
        {
          sequence: expect.any(Number),
          outcome: 'delivered',
          externalReference: third,
          system: 'ceet',
          procedureCode: 'CEET-RACCORDEMENT-BT',
          applicantNiu: '100000000001',
          companyNif: '1000000016',
          legacyReference: 'CEET-2026-000003',
          rejectionMessage: null,
          at: clock.now(),
        },
      ]);
      const [a, c, b] = page.outcomes.map((o) => o.sequence);
      expect(a).toBeGreaterThan(0);
      expect(c).toBeGreaterThan(a ?? Number.POSITIVE_INFINITY);
      expect(b).toBeGreaterThan(c ?? Number.POSITIVE_INFINITY);
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
}
