import { Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsApplicantNiu } from '../shared/index.js';

@InputType({ description: 'Demande de copies d’un acte d’état civil.' })
export class CivilActCopyInput {
  @Field(() => ID, { description: 'NIU du demandeur (12 chiffres).' })
  @IsApplicantNiu()
  applicantNiu!: string;

  @Field({ description: 'Numéro de l’acte (ex. N-GOLFE1-2019-004512).' })
  @Matches(/^[NMD]-[A-Z0-9]{3,20}-\d{4}-\d{6}$/, { message: 'Le numéro d’acte doit avoir la forme N-GOLFE1-2019-004512 (N, M ou D).' })
  actNumber!: string;

  @Field(() => Int, { description: 'Nombre de copies (1 à 10).' })
  @Min(1, { message: 'Demandez au moins une copie.' })
  @Max(10, { message: 'Au plus 10 copies par demande.' })
  copies!: number;
}
