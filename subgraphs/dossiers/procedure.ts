import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { MinistryCode } from '../shared/index.js';

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

  @Field(() => [String], { description: 'Pièces à fournir.' })
  requiredDocuments!: string[];

  @Field(() => Int, { description: 'Frais en FCFA.' })
  feeFcfa!: number;

  @Field(() => Int, { description: 'Délai légal de traitement, en jours.' })
  legalDelayDays!: number;
}
