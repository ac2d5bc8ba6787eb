import { Field, Int, ObjectType } from 'type-graphql';
import { ElectricityConnectionRequest } from './electricity-connection-request.js';

@ObjectType({ description: 'Une page de la file des demandes de raccordement (agents de la CEET).' })
export class ElectricityRequestPage {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [ElectricityConnectionRequest])
  nodes!: ElectricityConnectionRequest[];
}
