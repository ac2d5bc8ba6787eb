// Webhooks for integrators (issue 15): the API, the fan-out of dossier events into durable deliveries, and their
// signed, retried sending (docs/webhooks.md).
export { startWebhooksSubgraph } from './start-webhooks-subgraph.js';
export { readWebhooksConfig, WEBHOOKS_DEFAULT_PORT } from './config.js';
export type { WebhooksConfig } from './config.js';
export { buildWebhooksSchema } from './build-webhooks-schema.js';
export { webhooksPostgresComponent, webhooksPostgresMigrations } from './store/index.js';
