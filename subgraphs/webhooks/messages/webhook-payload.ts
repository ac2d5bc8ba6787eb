import type { DossierEvent, DossierEventType } from '../../../events/index.js';

/** The payload's `type` of each dossier event type (Standard Webhooks: `group.event`, lower case). */
export const payloadTypeOf: Readonly<Record<DossierEventType, string>> = {
  CREATED: 'dossier.created',
  STATUS_CHANGED: 'dossier.status_changed',
  ACTION_REQUIRED: 'dossier.action_required',
  SUBMISSION_DELIVERED: 'submission.delivered',
  SUBMISSION_REJECTED: 'submission.rejected',
};

export const TEST_PAYLOAD_TYPE = 'webhook.test';

/**
 * The JSON body of one event for one webhook, in the Standard Webhooks shape (`type`, `timestamp`, `data`): the
 * dossier's reference and statuses; the applicant's NIU only for a webhook whose owner may read citizens.
 */
export function eventPayload(event: DossierEvent, options: { readonly includeOwnerNiu: boolean }): string {
  return JSON.stringify({
    type: payloadTypeOf[event.type],
    timestamp: new Date(event.at).toISOString(),
    data: {
      cursor: event.cursor,
      eventType: event.type,
      reference: event.reference,
      ministry: event.ministry,
      system: event.system,
      procedure: event.procedure,
      status: event.status,
      ministryStatus: event.ministryStatus,
      previousStatus: event.previousStatus,
      at: event.at,
      ...(options.includeOwnerNiu ? { applicantNiu: event.ownerNiu } : {}),
    },
  });
}

/** The body of a test message (`testWebhook`): nothing but the webhook's id. */
export function testPayload(webhookId: string, at: number): string {
  return JSON.stringify({ type: TEST_PAYLOAD_TYPE, timestamp: new Date(at).toISOString(), data: { webhookId, message: 'Message de test envoyé par Guichet.' } });
}
