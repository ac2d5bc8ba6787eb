import { Field, Int, ObjectType } from 'type-graphql';
import { EnergyMinesApplication } from './energy-mines-application.js';

@ObjectType({ description: 'Une page de la file des demandes du ministère (ses agents).' })
export class EnergyMinesApplicationPage {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [EnergyMinesApplication])
  nodes!: EnergyMinesApplication[];
}
