import { GraphQLError } from 'graphql';
import { dossierEventTypes, type DossierEventType } from '../../events/index.js';
import type { Principal } from '../../auth/index.js';
import { FieldErrorCode, MinistryCode } from '../../schema/index.js';
import { forbiddenError, notFoundError, userInputError } from '../shared/index.js';
import { newMessageId, newWebhookId, testPayload } from './messages/index.js';
import type { SecretSealer } from './secrets/index.js';
import type { Delivery, DeliveryAttempt, DeliveryPage, Webhook, WebhookStore } from './store/index.js';

/** The SSRF guard's verdict on a URL (delivery/`checkWebhookUrl`, bound to the configured allow-list). */
export type UrlVerdict = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly code: string; readonly message: string };

export interface WebhooksServiceOptions {
  readonly store: WebhookStore;
  readonly sealer: SecretSealer;
  readonly checkUrl: (url: string) => Promise<UrlVerdict>;
  readonly newSecret: () => string;
  readonly maxPerOwner: number;
  /** A delivery was created: the worker of this process tries it at once. */
  readonly onEnqueued: () => void;
  /** The webhooks changed: the fan-out reads them again before the next event. */
  readonly onChanged: () => void;
  readonly clock?: () => number;
}

export interface RegisterRequest {
  readonly url: string;
  readonly eventTypes?: readonly DossierEventType[] | null;
  readonly ministries?: readonly MinistryCode[] | null;
  readonly description?: string | null;
}

const MAX_URL_LENGTH = 2_048;
const MAX_DESCRIPTION_LENGTH = 200;
export const WEBHOOK_SCOPE = 'webhooks:manage';

const unknownWebhook = () => notFoundError('Webhook inconnu.');
const unknownDelivery = () => notFoundError('Livraison inconnue.');

/**
 * What an integrator may do with its webhooks: the rules, over the store. Every webhook is its owner's alone: another
 * owner's id is answered as unknown, never as forbidden (its existence is not told).
 */
export function createWebhooksService({ store, sealer, checkUrl, newSecret, maxPerOwner, onEnqueued, onChanged, clock = Date.now }: WebhooksServiceOptions) {
  const owned = async (principal: Principal, id: string): Promise<Webhook> => {
    const webhook = await store.getWebhook(id);
    if (!webhook || webhook.ownerSubject !== principal.subject) throw unknownWebhook();
    return webhook;
  };
  const ownedDelivery = async (principal: Principal, id: string): Promise<Delivery> => {
    const delivery = await store.getDelivery(id);
    if (!delivery) throw unknownDelivery();
    const webhook = await store.getWebhook(delivery.webhookId);
    if (!webhook || webhook.ownerSubject !== principal.subject) throw unknownDelivery();
    return delivery;
  };

  return {
    async register(principal: Principal, request: RegisterRequest): Promise<{ webhook: Webhook; secret: string }> {
      // Dossier events are dossier data: an integrator that may not read dossiers has nothing to receive.
      if (!principal.scopes.includes('dossiers:read')) throw forbiddenError('Recevoir des événements de dossier demande aussi la portée dossiers:read.');
      const url = request.url.trim();
      if (url.length === 0) throw userInputError('L’adresse du webhook est requise.', ['input', 'url'], FieldErrorCode.REQUIRED);
      if (url.length > MAX_URL_LENGTH) throw userInputError(`L’adresse du webhook dépasse ${MAX_URL_LENGTH} caractères.`, ['input', 'url'], FieldErrorCode.OUT_OF_RANGE);
      const description = request.description?.trim() || null;
      if (description !== null && description.length > MAX_DESCRIPTION_LENGTH) {
        throw userInputError(`Le libellé dépasse ${MAX_DESCRIPTION_LENGTH} caractères.`, ['input', 'description'], FieldErrorCode.OUT_OF_RANGE);
      }
      const eventTypes = request.eventTypes ? [...new Set(request.eventTypes)] : [...dossierEventTypes];
      if (eventTypes.length === 0) throw userInputError('Choisissez au moins un type d’événement (ou omettez la liste pour les recevoir tous).', ['input', 'eventTypes'], FieldErrorCode.OUT_OF_RANGE);
      const ministries = request.ministries ? [...new Set(request.ministries)] : Object.values(MinistryCode);
      if (ministries.length === 0) throw userInputError('Choisissez au moins un ministère (ou omettez la liste pour les suivre tous).', ['input', 'ministries'], FieldErrorCode.OUT_OF_RANGE);
      const verdict = await checkUrl(url);
      if (!verdict.ok) {
        const error = userInputError(verdict.message, ['input', 'url'], FieldErrorCode.INVALID);
        throw new GraphQLError(error.message, { extensions: { ...error.extensions, reason: verdict.code } });
      }
      if ((await store.countWebhooks(principal.subject)) >= maxPerOwner) {
        const error = userInputError(`Vous avez déjà ${maxPerOwner} webhooks : supprimez-en un avant d’en enregistrer un autre.`);
        throw new GraphQLError(error.message, { extensions: { ...error.extensions, reason: 'WEBHOOK_LIMIT_REACHED' } });
      }
      const secret = newSecret();
      const webhook = await store.createWebhook({
        id: newWebhookId(),
        ownerSubject: principal.subject,
        // As the WHATWG parser normalised it (punycode, lower-case host): what was checked is what is called.
        url: verdict.url,
        description,
        eventTypes,
        ministries,
        includeOwnerNiu: principal.scopes.includes('citizens:read'),
        sealedSecret: sealer.seal(secret),
        createdAt: clock(),
      });
      onChanged();
      return { webhook, secret };
    },
    list: (principal: Principal) => store.listWebhooks(principal.subject),
    get: async (principal: Principal, id: string): Promise<Webhook | null> => {
      const webhook = await store.getWebhook(id);
      return webhook && webhook.ownerSubject === principal.subject ? webhook : null;
    },
    async remove(principal: Principal, id: string): Promise<boolean> {
      await owned(principal, id);
      const deleted = await store.deleteWebhook(id);
      onChanged();
      return deleted;
    },
    async setEnabled(principal: Principal, id: string, enabled: boolean): Promise<Webhook> {
      await owned(principal, id);
      const updated = await store.setWebhookState(id, enabled ? 'ENABLED' : 'DISABLED', clock(), enabled ? null : 'Désactivé par son propriétaire.');
      if (!updated) throw unknownWebhook();
      onChanged();
      if (enabled) onEnqueued();
      return updated;
    },
    async test(principal: Principal, id: string): Promise<Delivery> {
      const webhook = await owned(principal, id);
      if (webhook.state !== 'ENABLED') throw userInputError('Ce webhook est désactivé : réactivez-le avant de le tester.');
      const now = clock();
      const delivery = await store.enqueue({ id: newMessageId(), webhookId: id, eventCursor: null, eventType: 'webhook.test', payload: testPayload(id, now) }, now);
      onEnqueued();
      return delivery;
    },
    async replay(principal: Principal, deliveryId: string): Promise<Delivery> {
      const delivery = await ownedDelivery(principal, deliveryId);
      if (delivery.state === 'PENDING') throw userInputError('Cette livraison est encore en cours : elle sera retentée d’elle-même.');
      const replayed = await store.replay(deliveryId, clock());
      if (!replayed) throw unknownDelivery();
      onEnqueued();
      return replayed;
    },
    delivery: async (principal: Principal, id: string): Promise<Delivery | null> => ownedDelivery(principal, id).catch(() => null),
    async deliveries(principal: Principal, webhookId: string, limit: number, before: string | null): Promise<DeliveryPage> {
      await owned(principal, webhookId);
      return store.listDeliveries(webhookId, { limit, before });
    },
    attempts: (deliveryId: string): Promise<readonly DeliveryAttempt[]> => store.listAttempts(deliveryId),
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
