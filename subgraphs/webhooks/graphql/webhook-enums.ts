import { registerEnumType } from 'type-graphql';
import { dossierEventTypeDescriptions, dossierEventTypes, type DossierEventType as EventType } from '../../../events/index.js';

/** The dossier event types, as the gateway's subscriptions name them (one enum in the API schema). */
export const DossierEventType = Object.fromEntries(dossierEventTypes.map((type) => [type, type])) as { readonly [K in EventType]: K };

registerEnumType(DossierEventType, {
  name: 'DossierEventType',
  description: 'Nature d’un événement de dossier.',
  valuesConfig: Object.fromEntries(dossierEventTypes.map((type) => [type, { description: dossierEventTypeDescriptions[type] }])),
});

export enum WebhookState {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
}

registerEnumType(WebhookState, {
  name: 'WebhookState',
  description: 'État d’un webhook.',
  valuesConfig: {
    ENABLED: { description: 'Actif : reçoit les événements.' },
    DISABLED: { description: 'Désactivé (par son propriétaire, ou automatiquement après des échecs prolongés) : ne reçoit rien.' },
  },
});

export enum WebhookDeliveryState {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryState, {
  name: 'WebhookDeliveryState',
  description: 'État d’une livraison de webhook.',
  valuesConfig: {
    PENDING: { description: 'À livrer : en cours, ou en attente de la prochaine tentative.' },
    SUCCEEDED: { description: 'Livrée : le récepteur a répondu 2xx.' },
    FAILED: { description: 'Abandonnée : toutes les tentatives ont échoué, ou le webhook a été désactivé. Peut être rejouée.' },
  },
});
