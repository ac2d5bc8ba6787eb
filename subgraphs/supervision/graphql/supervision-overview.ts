import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, LegacySystemHealthHub } from '../../shared/index.js';
import { CommuneFigures, DayCount, MinistryFigures, ProcedureFigures } from './group-figures.js';
import { AlertThresholds } from './alert-thresholds.js';
import { PreviousPeriod } from './previous-period.js';
import { ProcessingFigures } from './processing-figures.js';

@ObjectType({
  description:
    'La salle de supervision : activité et traitement des dossiers de tous les ministères, calculés en continu à partir des flux de changements des systèmes. Des agrégats uniquement, jamais de donnée personnelle.',
})
export class SupervisionOverview {
  @Field(() => DateTimeScalar, { description: 'Quand les flux des ministères ont été lus pour la dernière fois ; âges et délais sont mesurés à cet instant.' })
  asOf!: string;

  @Field({ description: 'Vrai tant que le flux d’au moins un système n’a pas été chargé, ou si sa dernière lecture a échoué : les chiffres sont alors partiels ou anciens pour lui.' })
  incomplete!: boolean;

  @Field(() => [String], { description: 'Systèmes dont le flux n’est pas encore chargé ou n’a pas répondu (rnec, ceet, urbanisme).' })
  unavailableSystems!: string[];

  @Field(() => Int, {
    description:
      'Seuil d’agrégation : aucun groupe (ministère, démarche, commune) de moins de dossiers que ce nombre n’est montré, pour qu’aucun chiffre ne décrive quelques demandeurs identifiables.',
  })
  minGroupSize!: number;

  @Field({ description: 'Vrai quand le filtre retient des dossiers, mais moins que le seuil d’agrégation : aucun chiffre n’est alors donné (totaux à zéro, aucun groupe).' })
  belowFloor!: boolean;

  @Field(() => Int, { description: 'Groupes (ministères, démarches, communes) non listés car sous le seuil d’agrégation ; leurs dossiers comptent dans les totaux.' })
  withheldGroups!: number;

  @Field(() => AlertThresholds)
  alertThresholds!: AlertThresholds;

  @Field(() => PreviousPeriod, { nullable: true, description: 'La période précédente de même durée, pour comparer ; absente quand le filtre n’a pas de début.' })
  previousPeriod!: PreviousPeriod | null;

  @Field(() => ProcessingFigures, { description: 'Tous les dossiers retenus par le filtre.' })
  totals!: ProcessingFigures;

  @Field(() => [MinistryFigures], { description: 'Par ministère (ceux qui ont des dossiers retenus).' })
  byMinistry!: MinistryFigures[];

  @Field(() => [ProcedureFigures], { description: 'Par démarche (celles qui ont des dossiers retenus).' })
  byProcedure!: ProcedureFigures[];

  @Field(() => [CommuneFigures], { description: 'Par commune, là où les données du ministère la donnent.' })
  byCommune!: CommuneFigures[];

  @Field(() => [DayCount], { description: 'Dossiers déposés par jour sur la période, jours sans dépôt compris, jusqu’à aujourd’hui au plus.' })
  submittedPerDay!: DayCount[];

  /** `{ system }` handles: each ministry subgraph hands over its own system's figures (LegacySystemHealthHub). */
  @Field(() => [LegacySystemHealthHub], { description: 'Santé des systèmes des ministères : taux de réussite, latence, disjoncteur, dernier échec.' })
  legacySystems!: Pick<LegacySystemHealthHub, 'system'>[];
}
