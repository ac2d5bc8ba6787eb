import { createMemoryWebhookStore } from './memory-webhook-store.js';
import { describeWebhookStoreContract } from './test-support/webhook-store-contract.js';

describeWebhookStoreContract('memory store', async () => ({ store: createMemoryWebhookStore() }));
