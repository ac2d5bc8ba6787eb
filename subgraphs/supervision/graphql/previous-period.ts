import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/index.js';
import { ProcessingFigures } from './processing-figures.js';

@ObjectType({ description: 'La période de même durée juste avant celle du filtre, avec les mêmes autres critères : pour comparer.' })
export class PreviousPeriod {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field({ description: 'Vrai quand cette période compte trop peu de dossiers pour être montrée (seuil d’agrégation) : ses chiffres sont alors à zéro.' })
  belowFloor!: boolean;

  @Field(() => ProcessingFigures)
  totals!: ProcessingFigures;
}
