import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The citizen entity. Only the key is stored on the object: identity fields load lazily (batched) in
 * CitizenResolver, so that a query for a citizen's acts or requests does not depend on the identity lookup. They
 * are nullable: an RNEC failure nulls those fields (with a typed error), never the citizen and their dossiers.
 */
@Directive('@key(fields: "niu")')
@ObjectType({ description: 'Un citoyen, identifié à vie par son NIU (e-ID Togo). Identité tenue par le registre national de l’état civil (RNEC).' })
export class Citizen {
  @Field(() => ID, { description: 'Numéro d’identification unique (12 chiffres).' })
  niu!: string;
}
