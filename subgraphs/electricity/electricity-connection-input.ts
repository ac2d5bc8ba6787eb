import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MeterType } from './meter-type.js';

@InputType({ description: 'Demande de raccordement basse tension.' })
export class ElectricityConnectionInput {
  @Field(() => ID, { description: 'NIU du demandeur (12 chiffres).' })
  @Matches(/^\d{12}$/, { message: 'Le NIU du demandeur doit compter 12 chiffres.' })
  applicantNiu!: string;

  @Field(() => MeterType)
  meterType!: MeterType;

  @Field({ description: 'Code de la commune (ex. GOLFE1).' })
  @Matches(/^[A-Z][A-Z0-9]{2,19}$/, { message: 'Le code de commune est invalide (ex. GOLFE1).' })
  communeCode!: string;

  @Field({ description: 'Quartier.' })
  @Length(2, 80, { message: 'Le quartier doit compter 2 à 80 caractères.' })
  quarter!: string;

  @Field(() => String, { nullable: true, description: 'Titre foncier de la parcelle (ex. TF-2015-004512).' })
  @IsOptional()
  @Matches(/^TF-\d{4}-\d{6}$/, { message: 'Le titre foncier doit avoir la forme TF-AAAA-NNNNNN.' })
  landTitle?: string | null;

  @Field(() => Int, { description: 'Nombre d’appareils électriques.' })
  @Min(1, { message: 'Déclarez au moins un appareil électrique.' })
  @Max(200, { message: 'Au-delà de 200 appareils, faites une demande moyenne tension.' })
  applianceCount!: number;
}
