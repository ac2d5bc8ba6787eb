import { Field, Int, ObjectType } from 'type-graphql';
import { BuildingPermitApplication } from './building-permit-application.js';

@ObjectType({ description: 'Une page de la file des demandes de permis (agents de l’Urbanisme).' })
export class BuildingPermitPage {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [BuildingPermitApplication])
  nodes!: BuildingPermitApplication[];

  @Field(() => String, { nullable: true, description: 'Curseur de la page suivante, null à la fin.' })
  endCursor!: string | null;
}
