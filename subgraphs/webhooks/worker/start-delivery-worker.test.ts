import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../lib/log/index.js';
import { createMemoryWebhookStore, type ClaimedDelivery, type WebhookStore } from '../store/index.js';
import type { AttemptResult } from './decide-after-attempt.js';
import { startDeliveryWorker, type DeliveryWorker } from './start-delivery-worker.js';

const log = createLogger('webhooks-worker-test', 'silent');
const workers: DeliveryWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

async function seed(store: WebhookStore, count: number) {
  await store.createWebhook({
    id: 'wh_1',
    ownerSubject: 'integrateur',
    url: 'https://example.org/hook',
    description: null,
    eventTypes: ['CREATED'],
    ministries: ['ENERGY'],
    includeOwnerNiu: false,
    sealedSecret: 'sealed',
    createdAt: 0,
  });
  for (let i = 0; i < count; i += 1) {
    await store.enqueueEvent(String(i).padStart(12, '0'), [{ id: `msg_${i}`, webhookId: 'wh_1', eventCursor: String(i), eventType: 'dossier.created', payload: `{"n":${i}}` }], Date.now());
  }
}

const until = async (check: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not met');
};

function start(
  store: WebhookStore,
  send: (claimed: ClaimedDelivery) => Promise<AttemptResult>,
  options: { concurrency?: number; scheduleMs?: number[]; disableAfterMs?: number; owner?: string } = {},
) {
  const worker = startDeliveryWorker({
    store,
    send,
    policy: { scheduleMs: options.scheduleMs ?? [0, 20, 20], disableAfterMs: options.disableAfterMs ?? 60_000 },
    concurrency: options.concurrency ?? 4,
    pollMs: 20,
    leaseMs: 5_000,
    owner: options.owner ?? 'worker-1',
    log,
  });
  workers.push(worker);
  return worker;
}

describe('startDeliveryWorker', () => {
  it.each([1, 3, 8])('delivers every due delivery exactly once with concurrency %i, never more in flight', async (concurrency) => {
    const store = createMemoryWebhookStore();
    await seed(store, 25);
    const sent: string[] = [];
    let inFlight = 0;
    let most = 0;
    start(
      store,
      async ({ delivery }) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight -= 1;
        sent.push(delivery.id);
        return { statusCode: 200, error: null, durationMs: 2 };
      },
      { concurrency },
    );
    await until(() => sent.length === 25);
    await new Promise((r) => setTimeout(r, 60));
    expect(new Set(sent).size).toBe(25);
    expect(sent).toHaveLength(25);
    expect(most).toBeLessThanOrEqual(concurrency);
    const page = await store.listDeliveries('wh_1', { limit: 100 });
    expect(page.deliveries.every((d) => d.state === 'SUCCEEDED' && d.attempts === 1)).toBe(true);
  });

  it('retries along the schedule after failures, then succeeds; the attempts are logged', async () => {
    const store = createMemoryWebhookStore();
    await seed(store, 1);
    let calls = 0;
    start(store, async () => {
      calls += 1;
      return calls < 3 ? { statusCode: 503, error: 'HTTP 503', durationMs: 1 } : { statusCode: 204, error: null, durationMs: 1 };
    });
    await until(async () => (await store.getDelivery('msg_0'))?.state === 'SUCCEEDED');
    const attempts = await store.listAttempts('msg_0');
    expect(attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 503],
      [2, 503],
      [3, 204],
    ]);
    expect((await store.getWebhook('wh_1'))?.failingSince).toBeNull();
  });

  it('gives up past the schedule (FAILED, replayable)', async () => {
    const store = createMemoryWebhookStore();
    await seed(store, 1);
    start(store, async () => ({ statusCode: null, error: 'connection refused', durationMs: 1 }), { scheduleMs: [0, 5] });
    await until(async () => (await store.getDelivery('msg_0'))?.state === 'FAILED');
    expect((await store.getDelivery('msg_0'))?.attempts).toBe(2);
    expect((await store.getDelivery('msg_0'))?.lastError).toBe('connection refused');
  });

  it('disables a webhook failing for longer than disableAfterMs, with a notice, and stops sending to it', async () => {
    const store = createMemoryWebhookStore();
    await seed(store, 3);
    let calls = 0;
    start(
      store,
      async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 15));
        return { statusCode: 500, error: 'HTTP 500', durationMs: 15 };
      },
      { scheduleMs: [0, 10, 10, 10, 10, 10, 10, 10, 10, 10], disableAfterMs: 40, concurrency: 1 },
    );
    await until(async () => (await store.getWebhook('wh_1'))?.state === 'DISABLED');
    const webhook = await store.getWebhook('wh_1');
    expect(webhook?.disabledReason).toMatch(/^Désactivé automatiquement/);
    const settled = calls;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(settled);
    const page = await store.listDeliveries('wh_1', { limit: 10 });
    expect(page.deliveries.every((d) => d.state === 'FAILED')).toBe(true);
  });

  it('two workers on one store never send the same delivery twice', async () => {
    const store = createMemoryWebhookStore();
    await seed(store, 40);
    const sent: string[] = [];
    const send = async ({ delivery }: ClaimedDelivery) => {
      await new Promise((r) => setTimeout(r, 1));
      sent.push(delivery.id);
      return { statusCode: 200, error: null, durationMs: 1 };
    };
    start(store, send, { owner: 'a' });
    start(store, send, { owner: 'b' });
    await until(() => sent.length >= 40);
    await new Promise((r) => setTimeout(r, 60));
    expect(sent).toHaveLength(40);
    expect(new Set(sent).size).toBe(40);
  });

  it('close() waits for the attempts in flight; their results are recorded', async () => {
    const store = createMemoryWebhookStore();
    await seed(store, 2);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const worker = start(store, async () => {
      await gate;
      return { statusCode: 200, error: null, durationMs: 1 };
    });
    await until(() => worker.inFlight() === 2);
    const closing = worker.close();
    release();
    await closing;
    const page = await store.listDeliveries('wh_1', { limit: 10 });
    expect(page.deliveries.map((d) => d.state)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });
});
