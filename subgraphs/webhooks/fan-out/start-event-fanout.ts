import { followDossierEvents, type DossierEvent } from '../../../events/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { eventPayload, newMessageId, payloadTypeOf } from '../messages/index.js';
import type { NewDelivery, Webhook, WebhookStore } from '../store/index.js';

export interface EventFanoutOptions {
  readonly store: WebhookStore;
  /** `<supervision origin>/internal/dossier-events`. */
  readonly url: string;
  readonly internalToken: () => Promise<string>;
  readonly idleTimeoutMs: number;
  /** How long the list of enabled webhooks is reused between events (another replica's changes show within it). */
  readonly webhooksTtlMs?: number;
  /** Deliveries were created: the worker tries them now. */
  readonly onEnqueued: () => void;
  readonly log: Logger;
  readonly clock?: () => number;
}

export interface EventFanout {
  /** The webhooks changed in this process: read them again before the next event. */
  invalidate(): void;
  connected(): boolean;
  close(): Promise<void>;
}

/** The webhooks an event goes to: those following its type and its ministry. */
export function matchingWebhooks(event: DossierEvent, webhooks: readonly Webhook[]): readonly Webhook[] {
  return webhooks.filter((webhook) => webhook.state === 'ENABLED' && webhook.eventTypes.includes(event.type) && webhook.ministries.includes(event.ministry));
}

/**
 * Turns the dossier events into deliveries, durably: each event's deliveries and the consumer's cursor are saved in
 * one transaction, and the stream resumes from the saved cursor (after a restart, a failed save, a dropped
 * connection) — no event skipped, none fanned out twice (the store ignores a second delivery of one event to one
 * webhook, so several replicas may all follow the stream). The first start ever begins at the stream's head.
 */
export async function startEventFanout({ store, url, internalToken, idleTimeoutMs, webhooksTtlMs = 1_000, onEnqueued, log, clock = Date.now }: EventFanoutOptions): Promise<EventFanout> {
  let cursor = (await store.consumerCursor()) ?? undefined;
  let cached: { readonly webhooks: readonly Webhook[]; readonly at: number } | undefined;
  let isConnected = false;
  const stop = new AbortController();

  const enabledWebhooks = async () => {
    const now = clock();
    if (!cached || now - cached.at >= webhooksTtlMs) cached = { webhooks: await store.enabledWebhooks(), at: now };
    return cached.webhooks;
  };
  const fanOut = async (event: DossierEvent) => {
    const deliveries: NewDelivery[] = matchingWebhooks(event, await enabledWebhooks()).map((webhook) => ({
      id: newMessageId(),
      webhookId: webhook.id,
      eventCursor: event.cursor,
      eventType: payloadTypeOf[event.type],
      payload: eventPayload(event, { includeOwnerNiu: webhook.includeOwnerNiu }),
    }));
    // A failure here drops the connection: the next one resumes from the cursor saved last, this event included.
    await store.enqueueEvent(event.cursor, deliveries, clock());
    cursor = event.cursor;
    if (deliveries.length > 0) onEnqueued();
  };

  const running = followDossierEvents({
    url,
    internalToken,
    after: () => cursor,
    onEvent: fanOut,
    onReset: (oldest) => log.error({ url, after: cursor, oldest }, 'webhooks: the dossier events after our cursor were pruned before we read them; those events are not delivered'),
    onConnection: (connected) => {
      isConnected = connected;
    },
    idleTimeoutMs,
    signal: stop.signal,
    log,
  });

  return {
    invalidate: () => {
      cached = undefined;
    },
    connected: () => isConnected,
    async close() {
      stop.abort();
      await running;
    },
  };
}
