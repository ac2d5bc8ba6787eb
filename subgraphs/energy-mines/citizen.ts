import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The citizen, owned by civil-registry; this subgraph adds their applications to the ministry. */
@Directive('@key(fields: "niu")')
@ObjectType()
export class Citizen {
  @Field(() => ID)
  niu!: string;
}
