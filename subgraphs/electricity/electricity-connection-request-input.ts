import { ArrayMaxSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AttachedDocumentInput, IsApplicantNiu, IsCommuneCode, IsLandTitle } from '../shared/index.js';
import { MeterType } from './meter-type.js';

@InputType({ description: 'Demande de raccordement basse tension.' })
export class ElectricityConnectionInput {
  @Field(() => ID, { description: 'NIU du demandeur (12 chiffres).' })
  @IsApplicantNiu()
  applicantNiu!: string;

  @Field(() => MeterType)
  meterType!: MeterType;

  @Field({ description: 'Code de la commune (ex. GOLFE1).' })
  @IsCommuneCode()
  communeCode!: string;

  @Field({ description: 'Quartier.' })
  @Length(2, 80, { message: 'Le quartier doit compter 2 à 80 caractères.' })
  quarter!: string;

  @Field(() => String, { nullable: true, description: 'Titre foncier de la parcelle (ex. TF-2015-004512).' })
  @IsOptional()
  @IsLandTitle()
  landTitle?: string | null;

  @Field(() => Int, { description: 'Nombre d’appareils électriques.' })
  @Min(1, { message: 'Déclarez au moins un appareil électrique.' })
  @Max(200, { message: 'Au-delà de 200 appareils, faites une demande moyenne tension.' })
  applianceCount!: number;

  @Field(() => [AttachedDocumentInput], {
    nullable: true,
    description:
      'Pièces justificatives, déposées d’abord par POST /documents. Si la liste est fournie, chaque pièce que la démarche demande doit y figurer (l’erreur nomme celles qui manquent), et seuls vos propres dépôts sont acceptés.',
  })
  @IsOptional()
  @ArrayMaxSize(60, { message: 'Trop de pièces jointes.' })
  @ValidateNested({ each: true })
  documents?: AttachedDocumentInput[] | null;
}
