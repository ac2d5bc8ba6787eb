import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AttachedDocumentInput, IsApplicantNiu, IsCommuneCode, IsLandTitle } from '../shared/index.js';
import { ProjectKind } from './project-kind.js';

@InputType({ description: 'Demande de permis de construire, déposée par un architecte inscrit à l’Ordre.' })
export class BuildingPermitInput {
  @Field(() => ID, { description: 'NIU du demandeur (12 chiffres).' })
  @IsApplicantNiu()
  applicantNiu!: string;

  @Field({ description: 'Titre foncier du terrain (ex. TF-2015-004512).' })
  @IsLandTitle()
  landTitle!: string;

  @Field({ description: 'Numéro d’inscription de l’architecte à l’Ordre (ex. ONAT-0101).' })
  @Matches(/^ONAT-\d{4}$/, { message: 'Le numéro d’inscription de l’architecte doit avoir la forme ONAT-NNNN.' })
  architectRegistration!: string;

  @Field({ description: 'Code de la commune (ex. GOLFE1).' })
  @IsCommuneCode()
  communeCode!: string;

  @Field({ description: 'Quartier.' })
  @Length(2, 80, { message: 'Le quartier doit compter 2 à 80 caractères.' })
  quarter!: string;

  @Field(() => ProjectKind)
  projectKind!: ProjectKind;

  @Field(() => Int, { description: 'Surface de plancher en m² (0 pour une clôture).' })
  @Min(0, { message: 'La surface de plancher ne peut pas être négative.' })
  @Max(100_000, { message: 'La surface de plancher dépasse 100 000 m².' })
  floorAreaM2!: number;

  @Field(() => Int, { description: 'Nombre de niveaux.' })
  @Min(1, { message: 'Un projet compte au moins un niveau.' })
  @Max(20, { message: 'Au-delà de 20 niveaux, la procédure est différente.' })
  levels!: number;

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
