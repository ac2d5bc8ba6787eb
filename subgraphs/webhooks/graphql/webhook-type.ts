import { Field, ID, ObjectType } from 'type-graphql';
import type { DossierEventType as EventType } from '../../../events/index.js';
import { DateTimeScalar, MinistryCode } from '../../shared/index.js';
import { DossierEventType, WebhookState } from './webhook-enums.js';

@ObjectType('Webhook', { description: 'Un point de réception d’un intégrateur : les événements de dossier y sont envoyés, signés selon Standard Webhooks.' })
export class WebhookView {
  @Field(() => ID, { description: 'Identifiant du webhook.' })
  id!: string;

  @Field(() => String, { description: 'Adresse HTTPS qui reçoit les événements (POST).' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'Libellé choisi par l’intégrateur.' })
  description!: string | null;

  @Field(() => [DossierEventType], { description: 'Les types d’événements envoyés.' })
  eventTypes!: EventType[];

  @Field(() => [MinistryCode], { description: 'Les ministères dont les dossiers sont suivis.' })
  ministries!: MinistryCode[];

  @Field(() => Boolean, { description: 'Si les messages portent le NIU du demandeur (l’intégrateur avait la portée citizens:read à l’enregistrement).' })
  includesApplicantNiu!: boolean;

  @Field(() => WebhookState, { description: 'Actif ou désactivé.' })
  state!: WebhookState;

  @Field(() => String, { nullable: true, description: 'Pourquoi il est désactivé : l’avis de désactivation automatique, ou la désactivation par l’intégrateur.' })
  disabledReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Quand il a été désactivé.' })
  disabledAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Début de la série d’échecs en cours (aucun succès depuis) ; absent s’il se porte bien.' })
  failingSince!: string | null;

  @Field(() => DateTimeScalar, { description: 'Enregistrement.' })
  createdAt!: string;
}

@ObjectType({ description: 'Un webhook qui vient d’être enregistré, avec son secret de signature : montré cette seule fois.' })
export class WebhookRegistration {
  @Field(() => WebhookView, { description: 'Le webhook.' })
  webhook!: WebhookView;

  @Field(() => String, {
    description: 'Le secret de signature (whsec_…), à garder par le récepteur pour vérifier l’en-tête webhook-signature. Il n’est plus jamais montré.',
  })
  secret!: string;
}
