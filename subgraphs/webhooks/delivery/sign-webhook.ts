import { Webhook } from 'standardwebhooks';

export interface SignWebhookInput {
  /** The message id (`msg_…`): the same on every attempt of one delivery, so that receivers can deduplicate. */
  readonly id: string;
  /** When this attempt is sent; the header carries whole seconds since the epoch. */
  readonly timestamp: Date;
  /** The exact body that will be sent: the signature covers its bytes. */
  readonly body: string;
  /** One or more `whsec_…` secrets, current first; several during a rotation (one signature each). */
  readonly secrets: readonly string[];
}

/** The three Standard Webhooks headers, lower-case as sent. */
export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Signs one message per the Standard Webhooks specification: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per
 * secret, space-separated. The official `standardwebhooks` package computes each signature, so what we send is what
 * its `Webhook.verify` (and the other languages' libraries) accept. Throws on an empty secret list or an undecodable
 * secret: both are the caller's bug, never the integrator's.
 */
export function signWebhook(input: SignWebhookInput): WebhookSignatureHeaders {
  if (input.secrets.length === 0) throw new Error('signWebhook: at least one secret is required');
  if (input.id.length === 0) throw new Error('signWebhook: the message id is empty');
  const seconds = Math.floor(input.timestamp.getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new Error('signWebhook: invalid timestamp');
  const signatures = input.secrets.map((secret) => new Webhook(secret).sign(input.id, input.timestamp, input.body));
  return { 'webhook-id': input.id, 'webhook-timestamp': String(seconds), 'webhook-signature': signatures.join(' ') };
}
