import { ArrayMaxSize, IsOptional, IsPositive, Length, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { AttachedDocumentInput, IsApplicantNiu, IsCommuneCode } from '../shared/index.js';
import { CompanyApplicantInput } from './company-applicant-input.js';
import { MineralSubstance } from './mineral-substance.js';

@InputType({ description: 'Demande de titre minier, d’autorisation ou d’agrément au ministère des Mines et de l’Énergie.' })
export class EnergyMinesApplicationInput {
  @Field(() => ID, { description: 'NIU du demandeur (12 chiffres) : le citoyen lui-même, ou le représentant qui dépose pour une société.' })
  @IsApplicantNiu()
  applicantNiu!: string;

  @Field(() => CompanyApplicantInput, {
    nullable: true,
    description:
      'La société demandeuse, si la demande n’est pas déposée en nom propre : le demandeur doit en être le gérant ou un représentant déclaré. Exigée pour les démarches réservées aux sociétés (voir applicantKinds au catalogue).',
  })
  @IsOptional()
  @ValidateNested()
  company?: CompanyApplicantInput | null;

  @Field(() => ID, { description: 'Code de la démarche, parmi celles du ministère (voir le catalogue des démarches).' })
  procedureCode!: string;

  @Field(() => String, { nullable: true, description: 'Raison sociale de la société ou de la coopérative, si la demande n’est pas faite en nom propre.' })
  @IsOptional()
  @Length(2, 120, { message: 'La raison sociale doit compter 2 à 120 caractères.' })
  companyName?: string | null;

  @Field(() => String, { nullable: true, description: 'Code de la commune du site (ex. KOZAH1) ; exigé pour les démarches portant sur un site.' })
  @IsOptional()
  @IsCommuneCode()
  communeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Localité du site ; exigée pour les démarches portant sur un site.' })
  @IsOptional()
  @Length(2, 80, { message: 'La localité doit compter 2 à 80 caractères.' })
  locality?: string | null;

  @Field(() => MineralSubstance, { nullable: true, description: 'Substance sollicitée ; exigée pour les titres miniers (permis de recherche, exploitation artisanale, carrière).' })
  @IsOptional()
  substance?: MineralSubstance | null;

  @Field(() => Float, { nullable: true, description: 'Superficie sollicitée en hectares ; exigée pour les titres miniers.' })
  @IsOptional()
  @IsPositive({ message: 'La superficie doit être positive.' })
  areaHectares?: number | null;

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
