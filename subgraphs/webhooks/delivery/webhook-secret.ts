import { randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
/** 32 random bytes: the HMAC-SHA256 block's security level, inside Standard Webhooks' 24–64 byte range. */
export const WEBHOOK_SECRET_BYTES = 32;
const MIN_BYTES = 24;
const MAX_BYTES = 64;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A new signing secret in the Standard Webhooks form: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(WEBHOOK_SECRET_BYTES).toString('base64')}`;
}

/** Whether `secret` is `whsec_` + canonical base64 of 24 to 64 bytes (what the spec asks of a symmetric secret). */
export function isValidWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(PREFIX)) return false;
  const encoded = secret.slice(PREFIX.length);
  if (encoded.length === 0 || !BASE64.test(encoded)) return false;
  const bytes = Buffer.from(encoded, 'base64').length;
  return bytes >= MIN_BYTES && bytes <= MAX_BYTES;
}
