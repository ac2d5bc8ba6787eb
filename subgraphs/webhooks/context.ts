import { createAccessRecorder } from '../../audit/index.js';
import type { CallerIdentity, SubgraphContext } from '../shared/index.js';
import type { WebhooksService } from './webhooks-service.js';

export interface WebhooksContext extends SubgraphContext {
  readonly webhooks: WebhooksService;
}

export function createWebhooksContext(caller: CallerIdentity, webhooks: WebhooksService): WebhooksContext {
  // An integrator's own endpoints and messages: no citizen's data is read through this API (the payloads it shows
  // were already sent to that integrator), so nothing is recorded for the audit trail.
  return { ...caller, access: createAccessRecorder(), webhooks };
}
