import { ArrayMaxSize, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AttachedDocumentInput, IsApplicantNiu } from '../shared/index.js';

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

  // The act number is the `actNumber` field above, not a file: only the identity document is attached here.
  @Field(() => [AttachedDocumentInput], {
    nullable: true,
    description:
      'Pièces justificatives, déposées d’abord par POST /documents (le numéro de l’acte se donne dans actNumber, pas en pièce jointe). Si la liste est fournie, chaque pièce que la démarche demande doit y figurer (l’erreur nomme celles qui manquent), et seuls vos propres dépôts sont acceptés.',
  })
  @IsOptional()
  @ArrayMaxSize(60, { message: 'Trop de pièces jointes.' })
  @ValidateNested({ each: true })
  documents?: AttachedDocumentInput[] | null;
}
