import type { DossierEventType } from '../../../events/index.js';
import type { MinistryCode } from '../../../schema/index.js';
import type { Delivery, DeliveryAttempt, DeliveryState, NewWebhook, Webhook, WebhookState } from './webhook.js';

/** An integer column: SQLite gives a number, PostgreSQL's bigint a string (past 2^53 it would not fit a number). */
type Int = number | string;

/** A row of `webhook_endpoints`, as both SQL engines return it. */
export interface WebhookRow {
  id: string;
  owner_subject: string;
  url: string;
  description: string | null;
  /** JSON arrays, as text. */
  event_types: string;
  ministries: string;
  /** SQLite 0/1, PostgreSQL boolean. */
  include_owner_niu: number | boolean;
  sealed_secret: string;
  state: WebhookState;
  disabled_reason: string | null;
  disabled_at: Int | null;
  failing_since: Int | null;
  created_at: Int;
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_cursor: string | null;
  event_type: string;
  payload: string;
  state: DeliveryState;
  attempts: Int;
  next_attempt_at: Int | null;
  last_attempt_at: Int | null;
  last_status_code: Int | null;
  last_error: string | null;
  created_at: Int;
  succeeded_at: Int | null;
}

export interface AttemptRow {
  delivery_id: string;
  attempt: Int;
  at: Int;
  status_code: Int | null;
  error: string | null;
  duration_ms: number;
}

const orNull = (value: Int | null): number | null => (value === null ? null : Number(value));

export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    ownerSubject: row.owner_subject,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as DossierEventType[],
    ministries: JSON.parse(row.ministries) as MinistryCode[],
    includeOwnerNiu: row.include_owner_niu === true || row.include_owner_niu === 1,
    sealedSecret: row.sealed_secret,
    state: row.state,
    disabledReason: row.disabled_reason,
    disabledAt: orNull(row.disabled_at),
    failingSince: orNull(row.failing_since),
    createdAt: Number(row.created_at),
  };
}

/** The columns of a new webhook, in the order of `webhookColumns`. */
export function webhookValues(webhook: NewWebhook): readonly [string, string, string, string | null, string, string, boolean, string, number] {
  return [
    webhook.id,
    webhook.ownerSubject,
    webhook.url,
    webhook.description,
    JSON.stringify(webhook.eventTypes),
    JSON.stringify(webhook.ministries),
    webhook.includeOwnerNiu,
    webhook.sealedSecret,
    webhook.createdAt,
  ];
}
export const webhookColumns = 'id, owner_subject, url, description, event_types, ministries, include_owner_niu, sealed_secret, created_at';

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventCursor: row.event_cursor,
    eventType: row.event_type,
    payload: row.payload,
    state: row.state,
    attempts: Number(row.attempts),
    nextAttemptAt: orNull(row.next_attempt_at),
    lastAttemptAt: orNull(row.last_attempt_at),
    lastStatusCode: orNull(row.last_status_code),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    succeededAt: orNull(row.succeeded_at),
  };
}

export function toAttempt(row: AttemptRow): DeliveryAttempt {
  return {
    deliveryId: row.delivery_id,
    attempt: Number(row.attempt),
    at: Number(row.at),
    statusCode: orNull(row.status_code),
    error: row.error,
    durationMs: Number(row.duration_ms),
  };
}

/** The columns a new delivery starts with (both engines): due at once, no attempt yet. */
export const deliveryColumns = 'id, webhook_id, event_cursor, event_type, payload, state, attempts, next_attempt_at, created_at';
