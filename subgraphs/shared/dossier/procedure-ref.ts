import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A procedure of the catalogue, owned by the dossiers subgraph: ministries only name it by code. */
@Directive('@key(fields: "code", resolvable: false)')
@ObjectType('Procedure')
export class ProcedureRef {
  @Field(() => ID)
  code!: string;
}
