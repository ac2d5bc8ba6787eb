import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { ApplicantKind as ApplicantKindValue } from '../../schema/index.js';
import { MinistryCode } from '../shared/index.js';
import { HandlingBody } from './handling-body.js';
import { ApplicantKind } from './procedure-enums.js';
import { RequiredDocument } from './required-document.js';

@Directive('@key(fields: "code")')
@ObjectType({ description: 'Une démarche du catalogue du portail.' })
export class Procedure {
  @Field(() => ID, { description: 'Code de la démarche, par exemple CEET-RACCORDEMENT-BT.' })
  code!: string;

  @Field({ description: 'Intitulé.' })
  title!: string;

  // Renamed for clarity: everywhere else in the graph `ministry` is a MinistryCode. Kept for shipped clients.
  @Field({
    description: 'Ministère ou organisme responsable (intitulé).',
    deprecationReason: 'Ambigu : ailleurs dans le graphe, `ministry` est un code. Utiliser `ministryName` (intitulé) ou `ministryCode` (code).',
  })
  ministry!: string;

  @Field({ description: 'Intitulé du ministère ou de l’organisme responsable.' })
  ministryName!: string;

  @Field(() => MinistryCode, { description: 'Code du ministère, pour filtrer.' })
  ministryCode!: MinistryCode;

  @Field({ description: 'Description de la démarche.' })
  description!: string;

  @Field(() => [String], { description: 'Pièces à fournir, en texte.' })
  requiredDocuments!: string[];

  @Field(() => [RequiredDocument], { description: 'Pièces à fournir, par nature (vide pour une démarche dont les pièces ne sont pas encore typées).' })
  documents!: RequiredDocument[];

  @Field(() => Int, { description: 'Frais en FCFA (0 pour une démarche gratuite).' })
  feeFcfa!: number;

  @Field(() => Int, { description: 'Délai légal de traitement, en jours.' })
  legalDelayDays!: number;

  @Field(() => HandlingBody, { nullable: true, description: 'Direction ou organisme sous tutelle qui instruit la démarche, quand le ministère en a plusieurs.' })
  handlingBody!: HandlingBody | null;

  @Field(() => [ApplicantKind], { description: 'Qui peut la déposer : un particulier, une entreprise, ou les deux.' })
  applicantKinds!: ApplicantKindValue[];
}
