export type { AttemptOutcome, ClaimedDelivery, Delivery, DeliveryAttempt, DeliveryState, NewDelivery, NewWebhook, Webhook, WebhookState } from './webhook.js';
export type { AttemptRecord, ClaimOptions, DeliveryPage, WebhookHealthChange, WebhookStore } from './webhook-store.js';
export { isWebhookConflictError, WebhookConflictError } from './webhook-conflict-error.js';
export { createMemoryWebhookStore } from './memory-webhook-store.js';
export { createSqliteWebhookStore, type SqliteWebhookStoreOptions } from './sqlite-webhook-store.js';
export { createPostgresWebhookStore, type PostgresWebhookStoreOptions } from './postgres-webhook-store.js';
export { webhooksPostgresComponent, webhooksPostgresMigrations } from './postgres-migrations.js';
export { openWebhookStore, type WebhookStoreConfig } from './open-webhook-store.js';
