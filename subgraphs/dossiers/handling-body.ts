import { Field, ObjectType } from 'type-graphql';
import type { HandlingBodyCode as HandlingBodyCodeValue } from '../../schema/index.js';
import { HandlingBodyCode } from './procedure-enums.js';

@ObjectType({ description: 'Direction centrale ou organisme sous tutelle qui instruit une démarche.' })
export class HandlingBody {
  @Field(() => HandlingBodyCode, { description: 'Code de l’organisme (ex. DGMG, ARSE).' })
  code!: HandlingBodyCodeValue;

  @Field({ description: 'Nom de l’organisme.' })
  name!: string;
}
