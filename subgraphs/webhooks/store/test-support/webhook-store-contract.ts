import { afterEach, describe, expect, it } from 'vitest';
import { formatCursor } from '../../../../events/index.js';
import { WebhookConflictError } from '../webhook-conflict-error.js';
import type { AttemptOutcome, Delivery, NewDelivery } from '../webhook.js';
import type { WebhookStore } from '../webhook-store.js';
import { attempt, byteOrder, eventDelivery, newWebhook, seededRandom, shuffled, T0, testDelivery } from './webhook-fixtures.js';

export interface OpenedWebhookStore {
  readonly store: WebhookStore;
  /** A second store on the same data (another connection, another replica), when the engine has one. */
  readonly replica?: WebhookStore;
}

const lease = { leaseMs: 30_000 } as const;
const idsOf = (rows: readonly { readonly id: string }[]) => rows.map((r) => r.id);
const claimedIds = (rows: readonly { readonly delivery: Delivery }[]) => rows.map((c) => c.delivery.id);
const wh = (n: number) => newWebhook(n).id;
const oldestDueFirst = (a: Delivery, b: Delivery) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.createdAt - b.createdAt || byteOrder(a.id, b.id);

/**
 * What every `WebhookStore` must do, method by method, as `webhook-store.ts` documents it. `open` gives a fresh,
 * empty store each time (and, for engines shared between processes, a second store on the same data).
 */
export function describeWebhookStoreContract(name: string, open: () => Promise<OpenedWebhookStore>): void {
  describe(`${name}: webhook store contract`, () => {
    const opened: WebhookStore[] = [];
    const fresh = async (): Promise<OpenedWebhookStore> => {
      const result = await open();
      opened.push(result.store, ...(result.replica ? [result.replica] : []));
      return result;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });
    /** Leases every due delivery to `owner` (the store holds few in these tests). */
    const claimAll = (store: WebhookStore, now: number, owner: string) => store.claimDue({ now, limit: 1_000, owner, ...lease });

    describe('webhooks', () => {
      it('stores a webhook as given, enabled and healthy, and reads it back field for field', async () => {
        const { store, replica } = await fresh();
        for (const n of [1, 2, 3, 6]) {
          const expected = { ...newWebhook(n), state: 'ENABLED', disabledReason: null, disabledAt: null, failingSince: null };
          expect(await store.createWebhook(newWebhook(n))).toEqual(expected);
          expect(await store.getWebhook(wh(n))).toEqual(expected);
          expect(await (replica ?? store).getWebhook(wh(n))).toEqual(expected);
        }
        expect(await store.getWebhook('wh_unknown')).toBeNull();
      });

      it('refuses an id already taken and keeps the webhook that holds it', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await expect(store.createWebhook(newWebhook(1, { ownerSubject: 'intruder', url: 'https://evil.example/' }))).rejects.toBeInstanceOf(WebhookConflictError);
        expect(await store.getWebhook(wh(1))).toMatchObject({ ownerSubject: 'integrator-a', url: newWebhook(1).url });
      });

      it('lists and counts each owner’s webhooks only, oldest first (ties by id, byte order), over a generated set', async () => {
        const { store } = await fresh();
        const random = seededRandom(7);
        const owners = ['integrator-a', 'integrator-b', 'Integrator-a'];
        const marks = ['A', 'a', 'B', 'b', '0', 'z', '_', '-'];
        const all = Array.from({ length: 30 }, (_, i) =>
          newWebhook(i + 1, {
            id: `wh_${marks[i % marks.length]}${(i * 7) % 30}`,
            ownerSubject: owners[Math.floor(random() * owners.length)] ?? 'integrator-a',
            createdAt: T0 + Math.floor(random() * 5),
          }),
        );
        for (const webhook of shuffled(all, random)) await store.createWebhook(webhook);
        for (const owner of owners) {
          const expected = all
            .filter((w) => w.ownerSubject === owner)
            .sort((a, b) => a.createdAt - b.createdAt || byteOrder(a.id, b.id))
            .map((w) => w.id);
          expect(idsOf(await store.listWebhooks(owner))).toEqual(expected);
          expect(await store.countWebhooks(owner)).toBe(expected.length);
        }
        expect(await store.listWebhooks('nobody')).toEqual([]);
        expect(await store.countWebhooks('nobody')).toBe(0);
      });

      it('gives the fan-out every enabled webhook of every owner, and no disabled one', async () => {
        const { store } = await fresh();
        for (const n of [1, 2, 3, 4, 5, 6]) await store.createWebhook(newWebhook(n, { ownerSubject: `owner-${n % 3}` }));
        await store.setWebhookState(wh(2), 'DISABLED', T0, 'Désactivé par son propriétaire.');
        await store.updateWebhookHealth(wh(4), { failingSince: T0, disable: { reason: 'Échecs répétés.', at: T0 + 1 } });
        await store.setWebhookState(wh(5), 'DISABLED', T0, null);
        await store.setWebhookState(wh(5), 'ENABLED', T0 + 2, null);
        expect(idsOf(await store.enabledWebhooks()).sort(byteOrder)).toEqual([wh(1), wh(3), wh(5), wh(6)]);
      });

      it('deletes a webhook with its deliveries and attempts, and nothing of another', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.createWebhook(newWebhook(2));
        await store.enqueueEvent(formatCursor(1), [eventDelivery(wh(1), 1), eventDelivery(wh(2), 1)], T0);
        await store.enqueue(testDelivery(wh(1), 'msg_test_1'), T0);
        await claimAll(store, T0, 'w');
        for (const id of [eventDelivery(wh(1), 1).id, eventDelivery(wh(2), 1).id, 'msg_test_1']) {
          expect(await store.recordAttempt(id, attempt('w', T0 + 1, { state: 'PENDING', nextAttemptAt: T0 + 1_000 }))).toBe(true);
        }
        expect(await store.deleteWebhook(wh(1))).toBe(true);
        expect(await store.getWebhook(wh(1))).toBeNull();
        for (const id of [eventDelivery(wh(1), 1).id, 'msg_test_1']) {
          expect(await store.getDelivery(id)).toBeNull();
          expect(await store.listAttempts(id)).toEqual([]);
        }
        expect(await store.listDeliveries(wh(1), { limit: 10 })).toEqual({ deliveries: [], next: null });
        expect(await store.getDelivery(eventDelivery(wh(2), 1).id)).toMatchObject({ state: 'PENDING', attempts: 1 });
        expect(await store.listAttempts(eventDelivery(wh(2), 1).id)).toHaveLength(1);
        expect(claimedIds(await claimAll(store, T0 + 1_000, 'w2'))).toEqual([eventDelivery(wh(2), 1).id]);
        expect(await store.deleteWebhook(wh(1))).toBe(false);
        expect(await store.deleteWebhook('wh_unknown')).toBe(false);
        // Nothing of the old one is left to block the same id and the same event.
        await store.createWebhook(newWebhook(1));
        await store.enqueueEvent(formatCursor(1), [eventDelivery(wh(1), 1)], T0 + 2_000);
        expect(await store.getDelivery(eventDelivery(wh(1), 1).id)).toMatchObject({ state: 'PENDING', attempts: 0, createdAt: T0 + 2_000 });
      });

      it('disables by hand: its PENDING deliveries fail, leased ones included, finished ones and other webhooks’ stay', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.createWebhook(newWebhook(2));
        const [done, leased, waiting] = [1, 2, 3].map((e) => eventDelivery(wh(1), e));
        const other = eventDelivery(wh(2), 1);
        if (!done || !leased || !waiting) throw new Error('fixtures');
        await store.enqueueEvent(formatCursor(3), [done, leased, waiting, other], T0);
        await claimAll(store, T0, 'w');
        await store.recordAttempt(done.id, attempt('w', T0 + 1, { state: 'SUCCEEDED' }));
        await store.release(waiting.id, 'w');
        await store.updateWebhookHealth(wh(1), { failingSince: T0 + 5 });

        const disabled = await store.setWebhookState(wh(1), 'DISABLED', T0 + 10, 'Désactivé par son propriétaire.');
        expect(disabled).toEqual({ ...newWebhook(1), state: 'DISABLED', disabledAt: T0 + 10, disabledReason: 'Désactivé par son propriétaire.', failingSince: T0 + 5 });
        expect(await store.getWebhook(wh(1))).toEqual(disabled);
        expect(await store.getDelivery(done.id)).toMatchObject({ state: 'SUCCEEDED', succeededAt: T0 + 1 });
        for (const id of [leased.id, waiting.id]) expect(await store.getDelivery(id)).toMatchObject({ state: 'FAILED', nextAttemptAt: null, attempts: 0 });
        expect(await store.getDelivery(other.id)).toMatchObject({ state: 'PENDING' });
        // The worker that held the lease finds nothing to write.
        expect(await store.recordAttempt(leased.id, attempt('w', T0 + 11, { state: 'SUCCEEDED' }))).toBe(false);
        expect(await store.getDelivery(leased.id)).toMatchObject({ state: 'FAILED', attempts: 0, succeededAt: null });
        expect(await store.listAttempts(leased.id)).toEqual([]);

        const enabled = await store.setWebhookState(wh(1), 'ENABLED', T0 + 20, null);
        expect(enabled).toEqual({ ...newWebhook(1), state: 'ENABLED', disabledAt: null, disabledReason: null, failingSince: null });
        // Enabling does not resurrect what failed: a replay does.
        expect(claimedIds(await claimAll(store, T0 + 60_000, 'w2'))).toEqual([other.id]);
        expect(await store.setWebhookState('wh_unknown', 'DISABLED', T0, 'x')).toBeNull();
        expect(await store.setWebhookState('wh_unknown', 'ENABLED', T0, null)).toBeNull();
      });

      it('records the worker’s verdict on health, and disables with a reason when told to', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        const deliveries = [1, 2].map((e) => eventDelivery(wh(1), e));
        await store.enqueueEvent(formatCursor(2), deliveries, T0);

        expect(await store.updateWebhookHealth(wh(1), { failingSince: T0 + 1 })).toEqual({ ...newWebhook(1), state: 'ENABLED', disabledAt: null, disabledReason: null, failingSince: T0 + 1 });
        for (const d of deliveries) expect(await store.getDelivery(d.id)).toMatchObject({ state: 'PENDING' });
        expect(await store.updateWebhookHealth(wh(1), { failingSince: null })).toMatchObject({ state: 'ENABLED', failingSince: null });

        const reason = 'Désactivé automatiquement : aucune livraison réussie depuis 3 jours.';
        const disabled = await store.updateWebhookHealth(wh(1), { failingSince: T0 + 2, disable: { reason, at: T0 + 3 } });
        expect(disabled).toEqual({ ...newWebhook(1), state: 'DISABLED', disabledAt: T0 + 3, disabledReason: reason, failingSince: T0 + 2 });
        expect(await store.getWebhook(wh(1))).toEqual(disabled);
        for (const d of deliveries) expect(await store.getDelivery(d.id)).toMatchObject({ state: 'FAILED', nextAttemptAt: null });
        expect(await store.enabledWebhooks()).toEqual([]);
        expect(await store.updateWebhookHealth('wh_unknown', { failingSince: null })).toBeNull();
      });
    });

    describe('events and test deliveries', () => {
      it('fans an event out into due deliveries and saves the cursor; null before any', async () => {
        const { store, replica } = await fresh();
        expect(await store.consumerCursor()).toBeNull();
        await store.createWebhook(newWebhook(1));
        await store.createWebhook(newWebhook(2));
        const deliveries = [eventDelivery(wh(1), 5), eventDelivery(wh(2), 5)];
        await store.enqueueEvent(formatCursor(5), deliveries, T0 + 100);
        for (const d of deliveries) {
          expect(await (replica ?? store).getDelivery(d.id)).toEqual({
            ...d,
            state: 'PENDING',
            attempts: 0,
            nextAttemptAt: T0 + 100,
            lastAttemptAt: null,
            lastStatusCode: null,
            lastError: null,
            createdAt: T0 + 100,
            succeededAt: null,
          });
        }
        expect(await (replica ?? store).consumerCursor()).toBe(formatCursor(5));
        // An event no webhook wants still moves the cursor.
        await store.enqueueEvent(formatCursor(6), [], T0 + 200);
        expect(await store.consumerCursor()).toBe(formatCursor(6));
      });

      for (const variant of ['the same ids', 'fresh ids'] as const) {
        it(`makes no second delivery when the same event is fanned out again, with ${variant}, also from two stores at once`, async () => {
          const { store, replica } = await fresh();
          const other = replica ?? store;
          for (const n of [1, 2, 3]) await store.createWebhook(newWebhook(n));
          const again = (d: NewDelivery, tag: string): NewDelivery => (variant === 'the same ids' ? d : { ...d, id: `${d.id}_${tag}`, payload: `${d.payload} ` });
          const first = [eventDelivery(wh(1), 7), eventDelivery(wh(2), 7)];
          await store.enqueueEvent(formatCursor(7), first, T0);
          await claimAll(store, T0, 'w');
          expect(await store.recordAttempt(eventDelivery(wh(1), 7).id, attempt('w', T0 + 1, { state: 'SUCCEEDED' }))).toBe(true);

          // Again, now with webhook 3 too (registered since): it gets its delivery, the others keep theirs as they are.
          await store.enqueueEvent(formatCursor(7), [...first.map((d) => again(d, 'b')), eventDelivery(wh(3), 7)], T0 + 50);
          await Promise.all([
            store.enqueueEvent(
              formatCursor(7),
              first.map((d) => again(d, 'c')),
              T0 + 60,
            ),
            other.enqueueEvent(
              formatCursor(7),
              first.map((d) => again(d, 'd')),
              T0 + 60,
            ),
          ]);
          for (const n of [1, 2, 3]) {
            const { deliveries } = await store.listDeliveries(wh(n), { limit: 10 });
            expect(idsOf(deliveries)).toEqual([eventDelivery(wh(n), 7).id]);
            expect(deliveries[0]).toMatchObject({ payload: eventDelivery(wh(n), 7).payload, createdAt: n === 3 ? T0 + 50 : T0 });
          }
          expect(await store.getDelivery(eventDelivery(wh(1), 7).id)).toMatchObject({ state: 'SUCCEEDED', attempts: 1 });
          // Twice in one batch: one delivery, the first.
          await store.enqueueEvent(formatCursor(8), [eventDelivery(wh(1), 8, 'msg_x'), eventDelivery(wh(1), 8, 'msg_y')], T0 + 70);
          expect(idsOf((await store.listDeliveries(wh(1), { limit: 10 })).deliveries)).toEqual(['msg_x', eventDelivery(wh(1), 7).id]);
        });
      }

      it('skips a delivery for a webhook that does not exist (or no longer does), without failing the others', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.createWebhook(newWebhook(2));
        await store.deleteWebhook(wh(2));
        await store.enqueueEvent(formatCursor(3), [eventDelivery('wh_never', 3), eventDelivery(wh(2), 3), eventDelivery(wh(1), 3)], T0);
        expect(await store.getDelivery(eventDelivery('wh_never', 3).id)).toBeNull();
        expect(await store.getDelivery(eventDelivery(wh(2), 3).id)).toBeNull();
        expect(await store.getDelivery(eventDelivery(wh(1), 3).id)).toMatchObject({ state: 'PENDING' });
        expect(await store.consumerCursor()).toBe(formatCursor(3));
      });

      it('never moves the cursor backwards, padded or not, across widths (generated sequence)', async () => {
        const { store, replica } = await fresh();
        await store.createWebhook(newWebhook(1));
        const random = seededRandom(11);
        const values = [0n, 1n, 9n, 10n, 41n, 42n, 999_999_999_999n, 10n ** 12n, 10n ** 12n + 1n, 10n ** 13n];
        let highest: { value: bigint; text: string } | null = null;
        for (let step = 0; step < 40; step += 1) {
          const value = values[Math.floor(random() * values.length)] ?? 0n;
          const text = random() < 0.5 ? formatCursor(value) : value.toString();
          const writer = step % 2 === 0 || !replica ? store : replica;
          await writer.enqueueEvent(text, [eventDelivery(wh(1), step, `msg_step_${step}`)], T0 + step);
          if (highest === null || value > highest.value) highest = { value, text };
          expect(await store.consumerCursor()).toBe(highest.text);
        }
      });

      it('writes all of an event or nothing: a delivery id already taken rejects it, cursor unmoved', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.createWebhook(newWebhook(2));
        const taken = await store.enqueue(testDelivery(wh(2), 'msg_taken'), T0);
        await expect(store.enqueueEvent(formatCursor(1), [eventDelivery(wh(1), 1), eventDelivery(wh(2), 1, 'msg_taken')], T0 + 1)).rejects.toBeInstanceOf(WebhookConflictError);
        expect(await store.getDelivery(eventDelivery(wh(1), 1).id)).toBeNull();
        expect(await store.getDelivery('msg_taken')).toEqual(taken);
        expect(await store.consumerCursor()).toBeNull();
      });

      it('enqueues test deliveries (no cursor) due at once, never deduplicated; refuses an unknown webhook or a taken id', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        const first = await store.enqueue(testDelivery(wh(1), 'msg_t1'), T0 + 5);
        expect(first).toEqual({
          ...testDelivery(wh(1), 'msg_t1'),
          state: 'PENDING',
          attempts: 0,
          nextAttemptAt: T0 + 5,
          lastAttemptAt: null,
          lastStatusCode: null,
          lastError: null,
          createdAt: T0 + 5,
          succeededAt: null,
        });
        expect(await store.getDelivery('msg_t1')).toEqual(first);
        await store.enqueue(testDelivery(wh(1), 'msg_t2'), T0 + 6);
        await expect(store.enqueue(testDelivery('wh_unknown', 'msg_t3'), T0)).rejects.toBeInstanceOf(WebhookConflictError);
        await expect(store.enqueue(testDelivery(wh(1), 'msg_t1'), T0 + 7)).rejects.toBeInstanceOf(WebhookConflictError);
        expect(await store.getDelivery('msg_t1')).toEqual(first);
        expect(await store.getDelivery('msg_t3')).toBeNull();
        expect(await store.consumerCursor()).toBeNull();
        expect(claimedIds(await claimAll(store, T0 + 6, 'w'))).toEqual(['msg_t1', 'msg_t2']);
      });
    });

    describe('claims and leases', () => {
      it('leases due deliveries only, oldest due first, at most `limit` (generated matrix of times and limits)', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.createWebhook(newWebhook(2));
        const random = seededRandom(23);
        const marks = ['A', 'a', 'Z', 'z', '0', '9'];
        const ids = shuffled(
          Array.from({ length: 24 }, (_, k) => `msg_${marks[k % marks.length]}${k}`),
          random,
        );
        for (const [k, id] of ids.entries()) await store.enqueue(testDelivery(k % 3 === 0 ? wh(2) : wh(1), id), T0 + Math.floor(k / 3));
        // Give each a due time of its own (ties included), or end it: ended deliveries are never due.
        for (const { delivery } of await claimAll(store, T0 + 100, 'setup')) {
          const roll = random();
          const outcome: AttemptOutcome = roll < 0.15 ? { state: 'SUCCEEDED' } : roll < 0.25 ? { state: 'FAILED' } : { state: 'PENDING', nextAttemptAt: T0 + 2_000 + Math.floor(random() * 8) * 100 };
          expect(await store.recordAttempt(delivery.id, attempt('setup', T0 + 101, outcome))).toBe(true);
        }
        const pending: Delivery[] = [];
        for (const id of ids) {
          const d = await store.getDelivery(id);
          if (d?.state === 'PENDING') pending.push(d);
        }
        pending.sort(oldestDueFirst);
        expect(pending.length).toBeGreaterThan(10);
        for (const now of [T0 + 1_999, T0 + 2_000, T0 + 2_300, T0 + 2_700, T0 + 9_000]) {
          for (const limit of [1, 3, 7, 100]) {
            const owner = `o-${now}-${limit}`;
            const claimed = await store.claimDue({ now, limit, owner, ...lease });
            expect(claimedIds(claimed)).toEqual(idsOf(pending.filter((d) => (d.nextAttemptAt ?? 0) <= now).slice(0, limit)));
            for (const { delivery, webhook } of claimed) {
              expect(delivery).toEqual(await store.getDelivery(delivery.id));
              expect(webhook).toEqual(await store.getWebhook(delivery.webhookId));
              await store.release(delivery.id, owner);
            }
          }
        }
        expect(await store.claimDue({ now: T0 + 9_000, limit: 0, owner: 'zero', ...lease })).toEqual([]);
        expect(await store.claimDue({ now: T0 + 9_000, limit: 100, owner: 'after-zero', ...lease })).toHaveLength(pending.length);
      });

      it('leases nothing of a disabled webhook, even a delivery made PENDING again, until it is enabled', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.createWebhook(newWebhook(2));
        await store.enqueueEvent(formatCursor(1), [eventDelivery(wh(1), 1), eventDelivery(wh(2), 1)], T0);
        await store.setWebhookState(wh(1), 'DISABLED', T0, null);
        expect(await store.replay(eventDelivery(wh(1), 1).id, T0 + 1)).toMatchObject({ state: 'PENDING', nextAttemptAt: T0 + 1 });
        expect(claimedIds(await claimAll(store, T0 + 10, 'w'))).toEqual([eventDelivery(wh(2), 1).id]);
        await store.setWebhookState(wh(1), 'ENABLED', T0 + 20, null);
        expect(await claimAll(store, T0 + 30, 'w2')).toEqual([{ delivery: await store.getDelivery(eventDelivery(wh(1), 1).id), webhook: await store.getWebhook(wh(1)) }]);
      });

      it('does not lease a leased delivery again until its lease runs out; then another owner takes it over and the first is fenced out', async () => {
        const { store, replica } = await fresh();
        const other = replica ?? store;
        await store.createWebhook(newWebhook(1));
        const d = eventDelivery(wh(1), 1);
        await store.enqueueEvent(formatCursor(1), [d], T0);
        expect(claimedIds(await store.claimDue({ now: T0, limit: 10, owner: 'a', leaseMs: 30_000 }))).toEqual([d.id]);
        expect(await other.claimDue({ now: T0 + 29_999, limit: 10, owner: 'b', leaseMs: 30_000 })).toEqual([]);
        expect(await store.claimDue({ now: T0 + 29_999, limit: 10, owner: 'a', leaseMs: 30_000 })).toEqual([]);
        expect(claimedIds(await other.claimDue({ now: T0 + 30_000, limit: 10, owner: 'b', leaseMs: 30_000 }))).toEqual([d.id]);

        expect(await store.recordAttempt(d.id, attempt('a', T0 + 30_001, { state: 'SUCCEEDED' }))).toBe(false);
        await store.release(d.id, 'a');
        expect(await store.getDelivery(d.id)).toMatchObject({ state: 'PENDING', attempts: 0, lastAttemptAt: null });
        expect(await store.listAttempts(d.id)).toEqual([]);
        expect(await store.claimDue({ now: T0 + 30_002, limit: 10, owner: 'c', leaseMs: 30_000 })).toEqual([]);
        expect(await other.recordAttempt(d.id, attempt('b', T0 + 30_002, { state: 'SUCCEEDED' }))).toBe(true);
        expect(await store.getDelivery(d.id)).toMatchObject({ state: 'SUCCEEDED', attempts: 1 });
      });

      it('lets the holder of a lease that ran out, not taken over, still record its attempt', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.enqueue(testDelivery(wh(1), 'msg_slow'), T0);
        await store.claimDue({ now: T0, limit: 1, owner: 'a', leaseMs: 1_000 });
        expect(await store.recordAttempt('msg_slow', attempt('a', T0 + 5_000, { state: 'SUCCEEDED' }))).toBe(true);
      });

      it('never gives one delivery to two owners: in turn, and claiming at once (two stores when the engine has them)', async () => {
        const { store, replica } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.createWebhook(newWebhook(2));
        for (let e = 1; e <= 30; e += 1) await store.enqueueEvent(formatCursor(e), [eventDelivery(wh(1 + (e % 2)), e)], T0 + (e % 4));
        const inTurn: string[] = [];
        for (let round = 0; round < 10; round += 1) {
          const claimed = await store.claimDue({ now: T0 + 10, limit: 7, owner: `turn-${round}`, ...lease });
          inTurn.push(...claimedIds(claimed));
        }
        expect(inTurn).toHaveLength(30);
        expect(new Set(inTurn).size).toBe(30);

        for (let e = 31; e <= 90; e += 1) await store.enqueueEvent(formatCursor(e), [eventDelivery(wh(1 + (e % 2)), e)], T0 + 20);
        const stores = [store, replica ?? store];
        const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => stores[i % 2]?.claimDue({ now: T0 + 30, limit: 7, owner: `at-once-${i}`, ...lease }) ?? []));
        const atOnce = claims.flatMap(claimedIds);
        expect(atOnce).toHaveLength(60);
        expect(new Set(atOnce).size).toBe(60);
        expect(atOnce.some((id) => inTurn.includes(id))).toBe(false);
      });
    });

    describe('attempts', () => {
      it('records nothing without the lease: never leased, unknown, already recorded, ended', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.enqueue(testDelivery(wh(1), 'msg_1'), T0);
        expect(await store.recordAttempt('msg_1', attempt('a', T0, { state: 'SUCCEEDED' }))).toBe(false);
        expect(await store.recordAttempt('msg_unknown', attempt('a', T0, { state: 'SUCCEEDED' }))).toBe(false);
        await store.claimDue({ now: T0, limit: 1, owner: 'a', ...lease });
        expect(await store.recordAttempt('msg_1', attempt('b', T0, { state: 'SUCCEEDED' }))).toBe(false);
        expect(await store.recordAttempt('msg_1', attempt('a', T0 + 1, { state: 'FAILED' }))).toBe(true);
        expect(await store.recordAttempt('msg_1', attempt('a', T0 + 2, { state: 'SUCCEEDED' }))).toBe(false);
        expect(await store.getDelivery('msg_1')).toMatchObject({ state: 'FAILED', attempts: 1, lastAttemptAt: T0 + 1 });
        expect(await store.listAttempts('msg_1')).toHaveLength(1);
        expect(await store.listAttempts('msg_unknown')).toEqual([]);
      });

      type Step = 'retry' | 'timeout' | 'succeed' | 'give-up';
      const scenarios: readonly (readonly Step[])[] = [
        ['succeed'],
        ['give-up'],
        ['retry', 'succeed'],
        ['timeout', 'retry', 'give-up'],
        ['retry', 'give-up'],
        ['timeout', 'timeout', 'timeout', 'succeed'],
      ];
      it('moves a delivery through PENDING, SUCCEEDED and FAILED as each attempt says (generated scenarios)', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        let now = T0;
        for (const [s, steps] of scenarios.entries()) {
          const id = `msg_scenario_${s}`;
          const enqueued = await store.enqueue(testDelivery(wh(1), id), now);
          let expected: Delivery = enqueued;
          const attempts: { attempt: number; at: number; statusCode: number | null; error: string | null; durationMs: number }[] = [];
          for (const [i, step] of steps.entries()) {
            const owner = `w-${s}-${i}`;
            expect(claimedIds(await store.claimDue({ now, limit: 10, owner, ...lease }))).toEqual([id]);
            const at = now + 3;
            const outcome: AttemptOutcome = step === 'succeed' ? { state: 'SUCCEEDED' } : step === 'give-up' ? { state: 'FAILED' } : { state: 'PENDING', nextAttemptAt: at + 1_000 * (i + 1) };
            const statusCode = step === 'succeed' ? 204 : step === 'timeout' ? null : step === 'give-up' ? 410 : 503;
            const error = step === 'succeed' ? null : step === 'timeout' ? `timeout after 10000 ms (attempt ${i + 1})` : `HTTP ${statusCode}`;
            const durationMs = 10 + i + 0.25;
            expect(await store.recordAttempt(id, { owner, at, statusCode, error, durationMs, outcome })).toBe(true);
            attempts.push({ attempt: i + 1, at, statusCode, error, durationMs });
            expected = {
              ...expected,
              state: outcome.state,
              attempts: i + 1,
              nextAttemptAt: outcome.state === 'PENDING' ? outcome.nextAttemptAt : null,
              lastAttemptAt: at,
              lastStatusCode: statusCode,
              lastError: error,
              succeededAt: outcome.state === 'SUCCEEDED' ? at : expected.succeededAt,
            };
            expect(await store.getDelivery(id)).toEqual(expected);
            expect(await store.listAttempts(id)).toEqual(attempts.map((a) => ({ deliveryId: id, ...a })));
            if (outcome.state === 'PENDING') {
              // Released, but not due before its time.
              expect(await store.claimDue({ now: outcome.nextAttemptAt - 1, limit: 10, owner: 'early', ...lease })).toEqual([]);
              now = outcome.nextAttemptAt;
            } else {
              expect(await store.claimDue({ now: now + 1_000_000, limit: 10, owner: 'late', ...lease })).toEqual([]);
              now += 10;
            }
          }
        }
      });

      it('gives a leased delivery back on release by its owner only, unattempted', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        const before = await store.enqueue(testDelivery(wh(1), 'msg_r'), T0);
        await store.claimDue({ now: T0, limit: 1, owner: 'a', ...lease });
        await store.release('msg_r', 'b');
        expect(await store.claimDue({ now: T0, limit: 1, owner: 'c', ...lease })).toEqual([]);
        await store.release('msg_r', 'a');
        await store.release('msg_unknown', 'a');
        expect(await store.getDelivery('msg_r')).toEqual(before);
        expect(claimedIds(await store.claimDue({ now: T0, limit: 1, owner: 'c', ...lease }))).toEqual(['msg_r']);
        expect(await store.recordAttempt('msg_r', attempt('a', T0, { state: 'SUCCEEDED' }))).toBe(false);
      });
    });

    describe('delivery log', () => {
      it('pages a webhook’s deliveries newest first with `before`, without duplicates or gaps (generated sizes × limits)', async () => {
        const { store, replica } = await fresh();
        const random = seededRandom(31);
        const sizes = [0, 1, 2, 5, 13, 31];
        const limits = [1, 2, 3, 5, 10, 50];
        await store.createWebhook(newWebhook(999));
        const marks = ['A', 'a', 'b', 'B', '0', '~'];
        let event = 0;
        const made = new Map<string, { id: string; createdAt: number }[]>();
        for (const size of sizes) {
          const webhookId = wh(size + 1);
          await store.createWebhook(newWebhook(size + 1));
          for (let k = 0; k < size; k += 1) {
            const at = T0 + Math.floor(random() * 4);
            const id = `msg_${marks[Math.floor(random() * marks.length)]}${size}_${k}`;
            event += 1;
            made.set(webhookId, [...(made.get(webhookId) ?? []), { id, createdAt: at }]);
            if (k % 3 === 0) await store.enqueue(testDelivery(webhookId, id), at);
            else await store.enqueueEvent(formatCursor(event), [eventDelivery(webhookId, event, id), eventDelivery(wh(999), event)], at);
          }
        }
        const reader = replica ?? store;
        for (const size of sizes) {
          const webhookId = wh(size + 1);
          const expectedIds = (made.get(webhookId) ?? []).sort((a, b) => b.createdAt - a.createdAt || byteOrder(b.id, a.id)).map((d) => d.id);
          const expected: Delivery[] = [];
          for (const id of expectedIds) {
            const d = await reader.getDelivery(id);
            if (d) expected.push(d);
          }
          expect(expected).toHaveLength(size);
          for (const limit of limits) {
            const seen: Delivery[] = [];
            let page = await reader.listDeliveries(webhookId, { limit });
            for (let guard = 0; ; guard += 1) {
              expect(guard).toBeLessThanOrEqual(size + 1);
              expect(page.deliveries.length).toBeLessThanOrEqual(limit);
              seen.push(...page.deliveries);
              if (page.next === null) break;
              expect(page.deliveries).toHaveLength(limit);
              expect(page.next).toBe(page.deliveries.at(-1)?.id);
              page = await reader.listDeliveries(webhookId, { limit, before: page.next });
            }
            expect(seen).toEqual(expected);
          }
        }
        expect(await store.listDeliveries(wh(14), { limit: 5, before: 'msg_unknown' })).toEqual({ deliveries: [], next: null });
        // A `before` from another webhook's log gives nothing of this one.
        const foreign = (await store.listDeliveries(wh(999), { limit: 1 })).deliveries[0]?.id;
        expect(foreign).toBeDefined();
        expect(await store.listDeliveries(wh(14), { limit: 5, before: foreign ?? null })).toEqual({ deliveries: [], next: null });
        expect(await store.listDeliveries('wh_unknown', { limit: 5 })).toEqual({ deliveries: [], next: null });
        // No `before` (absent, null or empty): the newest page.
        for (const before of [undefined, null, ''])
          expect(await store.listDeliveries(wh(14), { limit: 2, ...(before === undefined ? {} : { before }) })).toEqual(await store.listDeliveries(wh(14), { limit: 2 }));
      });

      it('replays a delivery: same id and payload, PENDING and due now, the attempts counting on', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        const d = eventDelivery(wh(1), 4);
        await store.enqueueEvent(formatCursor(4), [d], T0);
        await store.claimDue({ now: T0, limit: 1, owner: 'a', ...lease });
        await store.recordAttempt(d.id, attempt('a', T0 + 1, { state: 'FAILED' }, { statusCode: 500, error: 'HTTP 500' }));
        const failed = await store.getDelivery(d.id);
        if (!failed) throw new Error('delivery missing');

        const replayed = await store.replay(d.id, T0 + 100);
        expect(replayed).toEqual({ ...failed, state: 'PENDING', nextAttemptAt: T0 + 100 });
        expect(await store.getDelivery(d.id)).toEqual(replayed);
        expect(await store.claimDue({ now: T0 + 99, limit: 1, owner: 'b', ...lease })).toEqual([]);
        expect(claimedIds(await store.claimDue({ now: T0 + 100, limit: 1, owner: 'b', ...lease }))).toEqual([d.id]);
        await store.recordAttempt(d.id, attempt('b', T0 + 101, { state: 'SUCCEEDED' }));
        expect(await store.getDelivery(d.id)).toMatchObject({ ...d, state: 'SUCCEEDED', attempts: 2, lastError: null, lastStatusCode: 200, succeededAt: T0 + 101, createdAt: T0 });

        // A success replayed: sent again, under the same id (the receiver dedupes on it).
        await store.replay(d.id, T0 + 200);
        await store.claimDue({ now: T0 + 200, limit: 1, owner: 'c', ...lease });
        await store.recordAttempt(d.id, attempt('c', T0 + 201, { state: 'PENDING', nextAttemptAt: T0 + 300 }));
        await store.claimDue({ now: T0 + 300, limit: 1, owner: 'c', ...lease });
        await store.recordAttempt(d.id, attempt('c', T0 + 301, { state: 'SUCCEEDED' }));
        expect((await store.listAttempts(d.id)).map((a) => [a.attempt, a.at])).toEqual([
          [1, T0 + 1],
          [2, T0 + 101],
          [3, T0 + 201],
          [4, T0 + 301],
        ]);
        expect(await store.getDelivery(d.id)).toMatchObject({ attempts: 4, succeededAt: T0 + 301, payload: d.payload });
        expect(await store.replay('msg_unknown', T0)).toBeNull();
      });

      it('takes a replayed delivery’s lease away: its former holder is fenced out', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        await store.enqueue(testDelivery(wh(1), 'msg_inflight'), T0);
        await store.claimDue({ now: T0, limit: 1, owner: 'a', ...lease });
        await store.replay('msg_inflight', T0 + 1);
        expect(claimedIds(await store.claimDue({ now: T0 + 1, limit: 1, owner: 'b', ...lease }))).toEqual(['msg_inflight']);
        expect(await store.recordAttempt('msg_inflight', attempt('a', T0 + 2, { state: 'SUCCEEDED' }))).toBe(false);
      });

      it('prunes finished deliveries created before the cutoff, with their attempts, and nothing else', async () => {
        const { store } = await fresh();
        await store.createWebhook(newWebhook(1));
        const plan: readonly [string, number, AttemptOutcome | null][] = [
          ['msg_old_ok', T0, { state: 'SUCCEEDED' }],
          ['msg_old_failed', T0, { state: 'FAILED' }],
          ['msg_old_retrying', T0, { state: 'PENDING', nextAttemptAt: T0 + 10_000_000 }],
          ['msg_recent_failed', T0 + 999, { state: 'FAILED' }],
          ['msg_at_cutoff_ok', T0 + 1_000, { state: 'SUCCEEDED' }],
          // Last: a due one enqueued earlier would be the one claimed for the others.
          ['msg_old_waiting', T0, null],
        ];
        for (const [id, at, outcome] of plan) {
          await store.enqueue(testDelivery(wh(1), id), at);
          if (!outcome) continue;
          await store.claimDue({ now: at, limit: 1, owner: 'p', ...lease });
          expect(await store.recordAttempt(id, attempt('p', at, outcome))).toBe(true);
        }
        expect(await store.prune(T0 + 1_000)).toBe(3);
        for (const id of ['msg_old_ok', 'msg_old_failed', 'msg_recent_failed']) {
          expect(await store.getDelivery(id)).toBeNull();
          expect(await store.listAttempts(id)).toEqual([]);
        }
        for (const id of ['msg_old_waiting', 'msg_old_retrying', 'msg_at_cutoff_ok']) expect(await store.getDelivery(id)).not.toBeNull();
        expect(await store.listAttempts('msg_old_retrying')).toHaveLength(1);
        expect(await store.prune(T0 + 1_000)).toBe(0);
      });
    });

    it('reports its health under the name `webhooks`; a refused write is not the store failing', async () => {
      const { store } = await fresh();
      await store.createWebhook(newWebhook(1));
      await expect(store.createWebhook(newWebhook(1))).rejects.toBeInstanceOf(WebhookConflictError);
      await expect(store.enqueue(testDelivery('wh_unknown', 'msg_1'), T0)).rejects.toBeInstanceOf(WebhookConflictError);
      expect(store.status()).toMatchObject({ store: 'webhooks', up: true, lastError: null, failures: 0 });
      expect(typeof store.status().engine).toBe('string');
    });
  });
}
