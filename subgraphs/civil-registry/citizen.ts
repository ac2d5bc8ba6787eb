import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../shared/index.js';
import { Sex } from './enums.js';

@Directive('@key(fields: "niu")')
@ObjectType({ description: 'Un citoyen, identifié à vie par son NIU (e-ID Togo). Identité tenue par le registre national de l’état civil (RNEC).' })
export class Citizen {
  @Field(() => ID, { description: 'Numéro d’identification unique (12 chiffres).' })
  niu!: string;

  @Field({ description: 'Prénom(s).' })
  firstName!: string;

  @Field({ description: 'Nom de famille.' })
  lastName!: string;

  @Field(() => DateScalar, { description: 'Date de naissance.' })
  birthDate!: string;

  @Field({ description: 'Lieu de naissance (commune).' })
  birthPlace!: string;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => DateScalar, { nullable: true, description: 'Date de décès, le cas échéant.' })
  deathDate!: string | null;
}
