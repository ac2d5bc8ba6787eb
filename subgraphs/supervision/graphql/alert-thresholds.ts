import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Seuils d’alerte de la salle (configurés au démarrage), les mêmes que ceux des règles d’alerte Prometheus.' })
export class AlertThresholds {
  @Field(() => Float, { description: 'Part (0 à 1) des dossiers hors délai légal au-delà de laquelle une démarche est en alerte.' })
  beyondLegalDelayShare!: number;

  @Field(() => Int, { description: 'Nombre de dossiers en cours hors délai légal à partir duquel une démarche est en alerte.' })
  overdueBacklog!: number;
}
