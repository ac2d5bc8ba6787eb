import type { StoreStatus } from '../../../lib/store-health/index.js';
import type { AttemptOutcome, ClaimedDelivery, Delivery, DeliveryAttempt, NewDelivery, NewWebhook, Webhook, WebhookState } from './webhook.js';

export interface ClaimOptions {
  readonly now: number;
  /** Most deliveries leased by this call. */
  readonly limit: number;
  readonly leaseMs: number;
  /** Who holds the leases (one id per worker process). */
  readonly owner: string;
}

export interface AttemptRecord {
  readonly owner: string;
  readonly at: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly outcome: AttemptOutcome;
}

export interface DeliveryPage {
  /** Newest first. */
  readonly deliveries: readonly Delivery[];
  /** Pass as `before` for the next (older) page; null at the end. */
  readonly next: string | null;
}

export interface WebhookHealthChange {
  readonly failingSince: number | null;
  /** Present: the webhook is disabled now, with this reason (its `PENDING` deliveries become `FAILED`). */
  readonly disable?: { readonly reason: string; readonly at: number };
}

/**
 * Webhooks, their deliveries and attempts. Every method is async so that a server database can implement it; the
 * memory, SQLite and PostgreSQL implementations pass one contract test (`test-support/webhook-store-contract.ts`).
 */
export interface WebhookStore {
  /** Rejects an id already taken. */
  createWebhook(webhook: NewWebhook): Promise<Webhook>;
  getWebhook(id: string): Promise<Webhook | null>;
  /** One owner's webhooks, oldest first. */
  listWebhooks(ownerSubject: string): Promise<readonly Webhook[]>;
  countWebhooks(ownerSubject: string): Promise<number>;
  /** Every enabled webhook: what the fan-out matches events against. */
  enabledWebhooks(): Promise<readonly Webhook[]>;
  /** Deletes a webhook with its deliveries and attempts; false when it did not exist. */
  deleteWebhook(id: string): Promise<boolean>;
  /** Enables or disables by hand (its owner): enabling clears `failingSince` and the reason; disabling fails its `PENDING` deliveries. */
  setWebhookState(id: string, state: WebhookState, at: number, reason: string | null): Promise<Webhook | null>;
  /** The worker's verdict on a webhook's health after an attempt. */
  updateWebhookHealth(id: string, change: WebhookHealthChange): Promise<Webhook | null>;

  /**
   * The fan-out of one dossier event, in one transaction: the deliveries (idempotent on `(webhookId, eventCursor)`:
   * one already there is kept, not duplicated; one for a webhook that no longer exists is skipped), then the
   * consumer's cursor, which never moves backwards (an older cursor, from a leader that lost its lease, leaves it).
   * Due at once. All or nothing: a delivery id already taken by another delivery rejects the whole event.
   */
  enqueueEvent(cursor: string, deliveries: readonly NewDelivery[], now: number): Promise<void>;
  /** The highest event cursor fanned out; null before any. */
  consumerCursor(): Promise<string | null>;
  /** A delivery outside the event stream (a test message); due at once, never deduplicated. Rejects an unknown webhook or a taken id. */
  enqueue(delivery: NewDelivery, now: number): Promise<Delivery>;

  /**
   * Atomically leases due deliveries of enabled webhooks to one owner: `PENDING` ones whose `nextAttemptAt` has come
   * and whose lease (if any) ran out. Oldest due first. Two owners never hold the same delivery at once.
   */
  claimDue(options: ClaimOptions): Promise<readonly ClaimedDelivery[]>;
  /**
   * Records one attempt and the delivery's new state, fenced by the lease: false (nothing written) when `owner` no
   * longer holds it. Releases the lease.
   */
  recordAttempt(deliveryId: string, record: AttemptRecord): Promise<boolean>;
  /** Gives a leased delivery back unattempted (graceful stop). */
  release(deliveryId: string, owner: string): Promise<void>;

  getDelivery(id: string): Promise<Delivery | null>;
  /** A webhook's deliveries, newest first, `before` the id of the previous page's last. */
  listDeliveries(webhookId: string, options: { readonly limit: number; readonly before?: string | null }): Promise<DeliveryPage>;
  /** A delivery's attempts, in order. */
  listAttempts(deliveryId: string): Promise<readonly DeliveryAttempt[]>;
  /** Makes a delivery `PENDING` and due at `now` again (same id, same payload); null when it does not exist. */
  replay(deliveryId: string, now: number): Promise<Delivery | null>;
  /** Deletes finished deliveries (and their attempts) created before `beforeMs`; how many. */
  prune(beforeMs: number): Promise<number>;

  status(): StoreStatus;
  close(): Promise<void>;
}
