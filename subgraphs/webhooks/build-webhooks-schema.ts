import { buildFederatedSchema } from '../shared/index.js';
import { WebhookDeliveryResolver, WebhooksResolver } from './graphql/webhooks-resolver.js';

export function buildWebhooksSchema() {
  return buildFederatedSchema({ resolvers: [WebhooksResolver, WebhookDeliveryResolver] });
}
