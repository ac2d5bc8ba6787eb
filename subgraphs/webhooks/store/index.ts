export type { AttemptOutcome, ClaimedDelivery, Delivery, DeliveryAttempt, DeliveryState, NewDelivery, NewWebhook, Webhook, WebhookState } from './webhook.js';
export type { AttemptRecord, ClaimOptions, DeliveryPage, WebhookHealthChange, WebhookStore } from './webhook-store.js';
export { createMemoryWebhookStore } from './memory-webhook-store.js';
