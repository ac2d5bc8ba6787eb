import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DossierStatus } from '../../shared/index.js';

@ObjectType({ description: 'Nombre de dossiers dans un statut normalisé.' })
export class StatusCount {
  @Field(() => DossierStatus)
  status!: DossierStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Chiffres de traitement d’un ensemble de dossiers : volumes, délais, stock. Des agrégats uniquement.' })
export class ProcessingFigures {
  @Field(() => Int, { description: 'Nombre de dossiers.' })
  total!: number;

  @Field(() => [StatusCount], { description: 'Dossiers par statut normalisé (les statuts sans dossier sont omis).' })
  byStatus!: StatusCount[];

  @Field(() => Float, { nullable: true, description: 'Durée médiane du dépôt à la décision (accordé, terminé ou rejeté), en jours, sur les dossiers décidés.' })
  processingDaysP50!: number | null;

  @Field(() => Float, { nullable: true, description: 'Durée du dépôt à la décision que 90 % des dossiers décidés n’ont pas dépassée, en jours.' })
  processingDaysP90!: number | null;

  @Field(() => Int, { description: 'Stock : dossiers en cours, pas encore décidés.' })
  backlog!: number;

  @Field(() => Float, { nullable: true, description: 'Âge médian des dossiers en stock, en jours.' })
  backlogAgeDaysP50!: number | null;

  @Field(() => Float, { nullable: true, description: 'Âge du plus ancien dossier en stock, en jours.' })
  backlogAgeDaysMax!: number | null;

  @Field(() => Float, { description: 'Part (0 à 1) des dossiers, en cours ou décidés, qui ont dépassé le délai légal de leur démarche.' })
  beyondLegalDelayShare!: number;

  @Field(() => Int, { description: 'Nombre de ces dossiers, en cours ou décidés, qui ont dépassé le délai légal de leur démarche.' })
  beyondLegalDelay!: number;

  @Field(() => Int, { description: 'Dossiers encore en cours qui ont déjà dépassé le délai légal de leur démarche : le retard à résorber.' })
  overdueBacklog!: number;

  @Field(() => Int, { description: 'Dossiers en attente d’une action du citoyen (ACTION_REQUIRED) : payer, compléter, retirer.' })
  waitingOnCitizen!: number;
}
