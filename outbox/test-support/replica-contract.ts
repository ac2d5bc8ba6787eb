import { afterEach, describe, expect, it } from 'vitest';
import { classifyByCode, createForwarder, exponentialBackoff, type SubmissionStore } from '../index.js';
import { createFakeClock, type FakeClock } from './fake-clock.js';
import { createFakeLegacy } from './fake-legacy.js';
import { contractError as error, contractLease as lease, dyingProcess, newSubmission, silentLog } from './submission-fixtures.js';
import type { ReplicasFactory } from './submission-store-contract.js';

/**
 * What replicas sharing one store must hold: their claims never overlap, an abandoned lease is taken over after it
 * runs out, and forwarders running on both at once deliver every submission exactly once, a killed replica's too.
 */
export function describeReplicaContract(name: string, replicas: ReplicasFactory): void {
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
