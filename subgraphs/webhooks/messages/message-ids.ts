import { randomBytes } from 'node:crypto';

/** Time first (base36, fixed width), then 80 random bits: ids sort by creation, and never collide in practice. */
function sortableId(prefix: string): string {
  return `${prefix}${Date.now().toString(36).padStart(9, '0')}${randomBytes(10).toString('hex')}`;
}

/** A Standard Webhooks message id (`webhook-id`). */
export const newMessageId = () => sortableId('msg_');
export const newWebhookId = () => sortableId('wh_');
