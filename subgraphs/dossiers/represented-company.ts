import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Une société que vous représentez (gérant ou représentant déclaré), telle que votre jeton d’accès l’atteste.' })
export class RepresentedCompany {
  @Field(() => ID, { description: 'Numéro d’identification fiscale (NIF) de la société.' })
  nif!: string;
}
