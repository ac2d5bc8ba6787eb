export { generateWebhookSecret, isValidWebhookSecret, WEBHOOK_SECRET_BYTES } from './webhook-secret.js';
export { signWebhook, type SignWebhookInput, type WebhookSignatureHeaders } from './sign-webhook.js';
export {
  createTargetPolicy,
  parseTargetAllowEntry,
  splitTargetAllowList,
  systemResolver,
  type HostResolver,
  type ResolvedAddress,
  type TargetAllowEntry,
  type TargetPolicy,
  type TargetPolicyOptions,
} from './create-target-policy.js';
export { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH, type WebhookUrlCheck, type WebhookUrlErrorCode } from './check-webhook-url.js';
export {
  sendWebhook,
  DEFAULT_WEBHOOK_MAX_RESPONSE_BYTES,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  DEFAULT_WEBHOOK_USER_AGENT,
  type SendWebhookOptions,
  type WebhookSendResult,
} from './send-webhook.js';
