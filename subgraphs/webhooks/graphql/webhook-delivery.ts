import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/index.js';
import { WebhookDeliveryState } from './webhook-enums.js';

@ObjectType({ description: 'Une tentative d’envoi d’une livraison.' })
export class WebhookDeliveryAttempt {
  @Field(() => Int, { description: 'Numéro de la tentative (1, 2, …), rejeux compris.' })
  attempt!: number;

  @Field(() => DateTimeScalar, { description: 'Quand elle a eu lieu.' })
  at!: string;

  @Field(() => Int, { nullable: true, description: 'Statut HTTP reçu ; absent si le récepteur n’a pas répondu (refus de connexion, délai dépassé, adresse interdite).' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Pourquoi elle a échoué (en anglais, pour les développeurs du récepteur) ; absent si elle a réussi.' })
  error!: string | null;

  @Field(() => Int, { description: 'Durée, en millisecondes.' })
  durationMs!: number;
}

@ObjectType({ description: 'Un message envoyé à un webhook : l’unité des nouvelles tentatives, du journal et du rejeu.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Identifiant du message : l’en-tête webhook-id, le même à chaque tentative et à chaque rejeu (le récepteur s’en sert pour ignorer un doublon).' })
  id!: string;

  @Field(() => String, { description: 'Type de l’événement (dossier.created, dossier.status_changed, dossier.action_required, submission.delivered, submission.rejected, webhook.test).' })
  eventType!: string;

  @Field(() => ID, { nullable: true, description: 'Curseur de l’événement de dossier ; absent pour un message de test.' })
  eventCursor!: string | null;

  @Field(() => String, { description: 'Le corps JSON exact, tel qu’il est signé et envoyé.' })
  payload!: string;

  @Field(() => WebhookDeliveryState, { description: 'État de la livraison.' })
  state!: WebhookDeliveryState;

  @Field(() => Int, { description: 'Tentatives faites.' })
  attempts!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Prochaine tentative (livraison en attente seulement).' })
  nextAttemptAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Dernière tentative.' })
  lastAttemptAt!: string | null;

  @Field(() => Int, { nullable: true, description: 'Statut HTTP de la dernière tentative.' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Raison du dernier échec (en anglais) ; absente après un succès.' })
  lastError!: string | null;

  @Field(() => DateTimeScalar, { description: 'Création du message.' })
  createdAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Quand le récepteur l’a accepté (2xx).' })
  succeededAt!: string | null;
}

@ObjectType({ description: 'Une page du journal des livraisons, les plus récentes d’abord.' })
export class WebhookDeliveryPage {
  @Field(() => [WebhookDelivery], { description: 'Les livraisons de la page.' })
  nodes!: WebhookDelivery[];

  @Field(() => ID, { nullable: true, description: 'À passer en before pour la page suivante (plus ancienne) ; absent à la fin.' })
  next!: string | null;

  @Field(() => Boolean, { description: 'S’il reste des livraisons plus anciennes (une page suivante).' })
  hasMore!: boolean;
}
