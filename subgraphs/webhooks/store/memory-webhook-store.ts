import { compareCursors } from '../../../events/index.js';
import { createStoreHealth } from '../../../lib/store-health/index.js';
import { WebhookConflictError } from './webhook-conflict-error.js';
import type { AttemptRecord, ClaimOptions, DeliveryPage, WebhookHealthChange, WebhookStore } from './webhook-store.js';
import type { ClaimedDelivery, Delivery, DeliveryAttempt, NewDelivery, NewWebhook, Webhook, WebhookState } from './webhook.js';

interface Lease {
  readonly owner: string;
  readonly until: number;
}

/** Webhooks in memory: tests, and a single process that may forget them on restart. */
export function createMemoryWebhookStore(): WebhookStore {
  const health = createStoreHealth({ store: 'webhooks', engine: 'memory', whileDown: 'n/a' });
  const webhooks = new Map<string, Webhook>();
  const deliveries = new Map<string, Delivery>();
  const attempts = new Map<string, DeliveryAttempt[]>();
  const leases = new Map<string, Lease>();
  let cursor: string | null = null;

  const newDelivery = (d: NewDelivery, now: number): Delivery => ({
    ...d,
    state: 'PENDING',
    attempts: 0,
    nextAttemptAt: now,
    lastAttemptAt: null,
    lastStatusCode: null,
    lastError: null,
    createdAt: now,
    succeededAt: null,
  });
  const failPending = (webhookId: string) => {
    for (const d of deliveries.values()) {
      if (d.webhookId === webhookId && d.state === 'PENDING') {
        deliveries.set(d.id, { ...d, state: 'FAILED', nextAttemptAt: null });
        leases.delete(d.id);
      }
    }
  };
  // Ids tie-break in byte order (not localeCompare), as the SQL stores' binary collation does.
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const newestFirst = (a: Delivery, b: Delivery) => b.createdAt - a.createdAt || byId(b, a);
  const oldestFirst = (a: Webhook, b: Webhook) => a.createdAt - b.createdAt || byId(a, b);
  const sameEvent = (d: NewDelivery) => [...deliveries.values()].some((x) => x.webhookId === d.webhookId && x.eventCursor !== null && x.eventCursor === d.eventCursor);

  return {
    async createWebhook(webhook: NewWebhook) {
      if (webhooks.has(webhook.id)) throw new WebhookConflictError(`webhook ${webhook.id} already exists`);
      const stored: Webhook = { ...webhook, state: 'ENABLED', disabledReason: null, disabledAt: null, failingSince: null };
      webhooks.set(stored.id, stored);
      return stored;
    },
    async getWebhook(id) {
      return webhooks.get(id) ?? null;
    },
    async listWebhooks(ownerSubject) {
      return [...webhooks.values()].filter((w) => w.ownerSubject === ownerSubject).sort(oldestFirst);
    },
    async countWebhooks(ownerSubject) {
      return [...webhooks.values()].filter((w) => w.ownerSubject === ownerSubject).length;
    },
    async enabledWebhooks() {
      return [...webhooks.values()].filter((w) => w.state === 'ENABLED').sort(oldestFirst);
    },
    async deleteWebhook(id) {
      if (!webhooks.delete(id)) return false;
      for (const d of [...deliveries.values()]) {
        if (d.webhookId !== id) continue;
        deliveries.delete(d.id);
        attempts.delete(d.id);
        leases.delete(d.id);
      }
      return true;
    },
    async setWebhookState(id, state: WebhookState, at, reason) {
      const webhook = webhooks.get(id);
      if (!webhook) return null;
      const updated: Webhook = state === 'ENABLED' ? { ...webhook, state, disabledAt: null, disabledReason: null, failingSince: null } : { ...webhook, state, disabledAt: at, disabledReason: reason };
      webhooks.set(id, updated);
      if (state === 'DISABLED') failPending(id);
      return updated;
    },
    async updateWebhookHealth(id, change: WebhookHealthChange) {
      const webhook = webhooks.get(id);
      if (!webhook) return null;
      const updated: Webhook = change.disable
        ? { ...webhook, failingSince: change.failingSince, state: 'DISABLED', disabledAt: change.disable.at, disabledReason: change.disable.reason }
        : { ...webhook, failingSince: change.failingSince };
      webhooks.set(id, updated);
      if (change.disable) failPending(id);
      return updated;
    },
    async enqueueEvent(eventCursor, newDeliveries, now) {
      // Checked before any write: the fan-out is all or nothing, as one transaction is in the SQL stores.
      const moves = cursor === null || compareCursors(eventCursor, cursor) > 0;
      const fresh: NewDelivery[] = [];
      for (const d of newDeliveries) {
        if (!webhooks.has(d.webhookId) || sameEvent(d) || fresh.some((f) => f.webhookId === d.webhookId && f.eventCursor !== null && f.eventCursor === d.eventCursor)) continue;
        if (deliveries.has(d.id) || fresh.some((f) => f.id === d.id)) throw new WebhookConflictError(`delivery ${d.id} already exists`);
        fresh.push(d);
      }
      for (const d of fresh) deliveries.set(d.id, newDelivery(d, now));
      if (moves) cursor = eventCursor;
    },
    async consumerCursor() {
      return cursor;
    },
    async enqueue(d, now) {
      if (!webhooks.has(d.webhookId)) throw new WebhookConflictError(`webhook ${d.webhookId} does not exist`);
      if (deliveries.has(d.id)) throw new WebhookConflictError(`delivery ${d.id} already exists`);
      const stored = newDelivery(d, now);
      deliveries.set(stored.id, stored);
      return stored;
    },
    async claimDue({ now, limit, leaseMs, owner }: ClaimOptions) {
      if (limit <= 0) return [];
      const due = [...deliveries.values()]
        .filter((d) => d.state === 'PENDING' && (d.nextAttemptAt ?? 0) <= now && webhooks.get(d.webhookId)?.state === 'ENABLED')
        .filter((d) => (leases.get(d.id)?.until ?? 0) <= now)
        .sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.createdAt - b.createdAt || byId(a, b))
        .slice(0, limit);
      const claimed: ClaimedDelivery[] = [];
      for (const d of due) {
        leases.set(d.id, { owner, until: now + leaseMs });
        const webhook = webhooks.get(d.webhookId);
        if (webhook) claimed.push({ delivery: d, webhook });
      }
      return claimed;
    },
    async recordAttempt(deliveryId, record: AttemptRecord) {
      const d = deliveries.get(deliveryId);
      const lease = leases.get(deliveryId);
      if (!d || !lease || lease.owner !== record.owner || d.state !== 'PENDING') return false;
      leases.delete(deliveryId);
      const attempt = d.attempts + 1;
      attempts.set(deliveryId, [...(attempts.get(deliveryId) ?? []), { deliveryId, attempt, at: record.at, statusCode: record.statusCode, error: record.error, durationMs: record.durationMs }]);
      const { outcome } = record;
      deliveries.set(deliveryId, {
        ...d,
        attempts: attempt,
        state: outcome.state,
        nextAttemptAt: outcome.state === 'PENDING' ? outcome.nextAttemptAt : null,
        lastAttemptAt: record.at,
        lastStatusCode: record.statusCode,
        lastError: outcome.state === 'SUCCEEDED' ? null : record.error,
        succeededAt: outcome.state === 'SUCCEEDED' ? record.at : d.succeededAt,
      });
      return true;
    },
    async release(deliveryId, owner) {
      if (leases.get(deliveryId)?.owner === owner) leases.delete(deliveryId);
    },
    async getDelivery(id) {
      return deliveries.get(id) ?? null;
    },
    async listDeliveries(webhookId, { limit, before }): Promise<DeliveryPage> {
      const all = [...deliveries.values()].filter((d) => d.webhookId === webhookId).sort(newestFirst);
      const start = before ? all.findIndex((d) => d.id === before) + 1 : 0;
      if (before && start === 0) return { deliveries: [], next: null };
      const page = all.slice(start, start + limit);
      return { deliveries: page, next: start + limit < all.length ? (page.at(-1)?.id ?? null) : null };
    },
    async listAttempts(deliveryId) {
      return attempts.get(deliveryId) ?? [];
    },
    async replay(deliveryId, now) {
      const d = deliveries.get(deliveryId);
      if (!d) return null;
      const replayed: Delivery = { ...d, state: 'PENDING', nextAttemptAt: now };
      deliveries.set(deliveryId, replayed);
      leases.delete(deliveryId);
      return replayed;
    },
    async prune(beforeMs) {
      let count = 0;
      for (const d of [...deliveries.values()]) {
        if (d.state !== 'PENDING' && d.createdAt < beforeMs) {
          deliveries.delete(d.id);
          attempts.delete(d.id);
          count += 1;
        }
      }
      return count;
    },
    status: () => health.status(),
    async close() {},
  };
}
