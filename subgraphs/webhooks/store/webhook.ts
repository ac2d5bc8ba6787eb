import type { DossierEventType } from '../../../events/index.js';
import type { MinistryCode } from '../../../schema/index.js';

/** `ENABLED` receives deliveries; `DISABLED` (by its owner, or automatically after sustained failure) receives none. */
export type WebhookState = 'ENABLED' | 'DISABLED';

/** One integrator's endpoint: what it receives, where, and how it is signed. */
export interface Webhook {
  /** `wh_` + random: opaque, stable. */
  readonly id: string;
  /** The owner: `sub` of the access token that registered it (an integrator's client id). */
  readonly ownerSubject: string;
  readonly url: string;
  readonly description: string | null;
  /** The event types delivered; never empty. */
  readonly eventTypes: readonly DossierEventType[];
  /** The ministries whose dossiers' events are delivered; never empty. */
  readonly ministries: readonly MinistryCode[];
  /** Whether payloads carry the applicant's NIU (the owner held `citizens:read` when registering). */
  readonly includeOwnerNiu: boolean;
  /** The signing secret as the service sealed it (opaque to the store: see `SecretSealer`). */
  readonly sealedSecret: string;
  readonly state: WebhookState;
  /** Why it is disabled (French, shown to its owner); null while enabled. */
  readonly disabledReason: string | null;
  /** Epoch ms. */
  readonly disabledAt: number | null;
  /** Epoch ms of the first failed attempt since the last success: how long it has been failing; null when healthy. */
  readonly failingSince: number | null;
  readonly createdAt: number;
}

export type NewWebhook = Omit<Webhook, 'state' | 'disabledReason' | 'disabledAt' | 'failingSince'>;

/**
 * `PENDING`: to be attempted at `nextAttemptAt` (or being attempted under a lease); `SUCCEEDED`: a 2xx was received;
 * `FAILED`: given up (every retry failed, or its webhook was disabled) — a replay makes it `PENDING` again.
 */
export type DeliveryState = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** One message to one webhook: the unit of retry, of the delivery log and of replay. */
export interface Delivery {
  /** `msg_` + random: the Standard Webhooks `webhook-id`, the same on every attempt and replay (receivers dedupe on it). */
  readonly id: string;
  readonly webhookId: string;
  /** The dossier event's cursor; null for a test delivery. A webhook gets at most one delivery per cursor. */
  readonly eventCursor: string | null;
  /** The payload's `type` (`dossier.status_changed`, `webhook.test`…). */
  readonly eventType: string;
  /** The exact JSON body that is signed and sent. */
  readonly payload: string;
  readonly state: DeliveryState;
  /** Attempts made (a replay keeps counting). */
  readonly attempts: number;
  /** Epoch ms when it is next due (`PENDING` only). */
  readonly nextAttemptAt: number | null;
  readonly lastAttemptAt: number | null;
  /** The last attempt's HTTP status, null when it got none (refused, timeout, blocked address). */
  readonly lastStatusCode: number | null;
  /** The last failed attempt's reason (English, for the integrator's developers); null after a success. */
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly succeededAt: number | null;
}

export type NewDelivery = Pick<Delivery, 'id' | 'webhookId' | 'eventCursor' | 'eventType' | 'payload'>;

/** One HTTP attempt of a delivery, for the delivery log. */
export interface DeliveryAttempt {
  readonly deliveryId: string;
  /** 1, 2, … over the delivery's whole life (replays included). */
  readonly attempt: number;
  readonly at: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** A due delivery leased to one worker, with what it needs to send it. */
export interface ClaimedDelivery {
  readonly delivery: Delivery;
  readonly webhook: Webhook;
}

/** What the worker decided after an attempt. */
export type AttemptOutcome = { readonly state: 'SUCCEEDED' } | { readonly state: 'PENDING'; readonly nextAttemptAt: number } | { readonly state: 'FAILED' };
