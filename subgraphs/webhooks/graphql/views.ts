import type { Delivery, DeliveryAttempt, Webhook } from '../store/index.js';
import type { WebhookDelivery, WebhookDeliveryAttempt } from './webhook-delivery.js';
import { WebhookDeliveryState, WebhookState } from './webhook-enums.js';
import type { WebhookView } from './webhook-type.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function webhookView(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    eventTypes: [...webhook.eventTypes],
    ministries: [...webhook.ministries],
    includesApplicantNiu: webhook.includeOwnerNiu,
    state: WebhookState[webhook.state],
    disabledReason: webhook.disabledReason,
    disabledAt: isoOrNull(webhook.disabledAt),
    failingSince: isoOrNull(webhook.failingSince),
    createdAt: iso(webhook.createdAt),
  };
}

export function deliveryView(delivery: Delivery): WebhookDelivery {
  return {
    id: delivery.id,
    eventType: delivery.eventType,
    eventCursor: delivery.eventCursor,
    payload: delivery.payload,
    state: WebhookDeliveryState[delivery.state],
    attempts: delivery.attempts,
    nextAttemptAt: isoOrNull(delivery.nextAttemptAt),
    lastAttemptAt: isoOrNull(delivery.lastAttemptAt),
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: iso(delivery.createdAt),
    succeededAt: isoOrNull(delivery.succeededAt),
  };
}

export function attemptView(attempt: DeliveryAttempt): WebhookDeliveryAttempt {
  return { attempt: attempt.attempt, at: iso(attempt.at), statusCode: attempt.statusCode, error: attempt.error, durationMs: attempt.durationMs };
}
