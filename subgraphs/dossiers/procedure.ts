import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MinistryCode } from '../../schema/index.js';

registerEnumType(MinistryCode, {
  name: 'MinistryCode',
  description: 'Ministère ou organisme responsable d’une démarche.',
  valuesConfig: {
    CIVIL_REGISTRY: { description: 'État civil (RNEC).' },
    ENERGY: { description: 'Mines et Énergie (CEET).' },
    URBAN_PLANNING: { description: 'Urbanisme, Habitat et Réforme foncière.' },
    SECURITY: { description: 'Sécurité et Protection civile.' },
    JUSTICE: { description: 'Justice et Législation.' },
  },
});

@Directive('@key(fields: "code")')
@ObjectType({ description: 'Une démarche du catalogue du portail.' })
export class Procedure {
  @Field(() => ID, { description: 'Code de la démarche, par exemple CEET-RACCORDEMENT-BT.' })
  code!: string;

  @Field({ description: 'Intitulé.' })
  title!: string;

  @Field({ description: 'Ministère ou organisme responsable.' })
  ministry!: string;

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
