export { newMessageId, newWebhookId } from './message-ids.js';
export { eventPayload, payloadTypeOf, testPayload, TEST_PAYLOAD_TYPE } from './webhook-payload.js';
