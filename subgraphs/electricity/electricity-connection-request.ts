import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DossierFields, DossierRecordReaders, FiledDocument } from '../shared/index.js';
import { MeterType } from './meter-type.js';

@Directive('@key(fields: "reference")')
@Directive('@key(fields: "lookup")')
@DossierRecordReaders()
@ObjectType({ description: 'Demande de raccordement au réseau électrique basse tension (CEET).' })
export class ElectricityConnectionRequest extends DossierFields {
  @Field(() => MeterType, { description: 'Type de compteur demandé.' })
  meterType!: MeterType;

  @Field(() => Int, { nullable: true, description: 'Montant du devis en FCFA, une fois émis.' })
  quoteAmountFcfa!: number | null;

  @Field(() => Int, { description: 'Frais de dossier en FCFA.' })
  filingFeeFcfa!: number;

  @Field({ description: 'Code de la commune du branchement.' })
  communeCode!: string;

  @Field({ description: 'Quartier du branchement.' })
  quarter!: string;

  @Field(() => String, { nullable: true, description: 'Titre foncier de la parcelle, s’il est connu.' })
  landTitle!: string | null;

  @Field(() => Int, { description: 'Nombre d’appareils déclarés (pour calibrer le compteur).' })
  applianceCount!: number;

  @Field(() => [FiledDocument], { description: 'Pièces justificatives que la CEET a reçues pour cette demande (vide tant qu’elle attend d’y être transmise).' })
  documents!: FiledDocument[];
}
