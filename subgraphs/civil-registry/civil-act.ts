import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../shared/index.js';
import { CivilActKind } from './enums.js';

@ObjectType({ description: 'Un acte d’état civil (naissance, mariage, décès).' })
export class CivilAct {
  @Field(() => ID, { description: 'Numéro de l’acte, par exemple N-GOLFE1-2019-004512.' })
  number!: string;

  @Field(() => CivilActKind)
  kind!: CivilActKind;

  @Field(() => DateScalar, { description: 'Date de l’événement.' })
  date!: string;

  @Field({ description: 'Code de la commune d’enregistrement.' })
  communeCode!: string;

  @Field({ description: 'Commune d’enregistrement.' })
  commune!: string;
}
