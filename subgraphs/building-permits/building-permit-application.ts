import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DossierFields, DossierRecordReaders, FiledDocument } from '../shared/index.js';
import { ProjectKind } from './project-kind.js';

@Directive('@key(fields: "reference")')
@Directive('@key(fields: "lookup")')
@DossierRecordReaders()
@ObjectType({ description: 'Demande de permis de construire (ministère de l’Urbanisme).' })
export class BuildingPermitApplication extends DossierFields {
  @Field({ description: 'Titre foncier du terrain.' })
  landTitle!: string;

  @Field({ description: 'Architecte inscrit à l’Ordre qui dépose le dossier (nom du cabinet).' })
  architect!: string;

  @Field({ description: 'Numéro d’inscription de l’architecte à l’Ordre (ONAT-NNNN).' })
  architectRegistration!: string;

  @Field({ description: 'Code de la commune du terrain.' })
  communeCode!: string;

  @Field({ description: 'Quartier du terrain.' })
  quarter!: string;

  @Field(() => ProjectKind, { description: 'Nature du projet.' })
  projectKind!: ProjectKind;

  @Field(() => Int, { description: 'Surface de plancher en m².' })
  floorAreaM2!: number;

  @Field(() => Int, { description: 'Nombre de niveaux.' })
  levels!: number;

  @Field(() => [String], { description: 'Pièces que le ministère attend du demandeur.' })
  missingDocuments!: string[];

  @Field(() => [FiledDocument], { description: 'Pièces justificatives que la direction de l’urbanisme a reçues pour cette demande (vide tant qu’elle attend d’y être transmise).' })
  documents!: FiledDocument[];
}
