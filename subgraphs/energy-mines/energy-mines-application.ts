import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { DossierFields, DossierRecordReaders, FiledDocument } from '../shared/index.js';
import { CompanyApplicant } from './company-applicant.js';
import { MineralSubstance } from './mineral-substance.js';

@Directive('@key(fields: "reference")')
@Directive('@key(fields: "lookup")')
@DossierRecordReaders()
@ObjectType({
  description:
    'Demande de titre minier, d’autorisation ou d’agrément au ministère des Mines et de l’Énergie (système SIGEM) : permis de recherche, exploitation artisanale, carrière, dépôt pétrolier, installateur électricien.',
})
export class EnergyMinesApplication extends DossierFields {
  @Field(() => String, { nullable: true, description: 'Raison sociale de la société ou de la coopérative demandeuse, le cas échéant.' })
  companyName!: string | null;

  @Field(() => CompanyApplicant, {
    nullable: true,
    description: 'La société demandeuse, quand la demande a été déposée pour elle (le demandeur, applicant, est alors le représentant qui l’a déposée) ; null pour une demande en nom propre.',
  })
  company!: CompanyApplicant | null;

  @Field(() => String, { nullable: true, description: 'Code de la commune du site (ex. KOZAH1), pour les démarches qui en ont un.' })
  communeCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Localité du site.' })
  locality!: string | null;

  @Field(() => MineralSubstance, { nullable: true, description: 'Substance sollicitée (titres miniers ; null pour les agréments).' })
  substance!: MineralSubstance | null;

  @Field(() => Float, { nullable: true, description: 'Superficie sollicitée en hectares (titres miniers ; un permis de recherche de 12 km² fait 1 200 ha).' })
  areaHectares!: number | null;

  @Field(() => Int, { description: 'Frais de dossier en FCFA.' })
  filingFeeFcfa!: number;

  @Field(() => [String], { description: 'Pièces complémentaires attendues par le ministère (vide sinon).' })
  missingDocuments!: string[];

  @Field(() => [FiledDocument], { description: 'Pièces justificatives que le ministère a reçues pour cette demande (vide tant qu’elle attend d’y être transmise).' })
  documents!: FiledDocument[];
}
