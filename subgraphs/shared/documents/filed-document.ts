import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * Defined once for every ministry whose dossiers show their documents: a value type that several subgraphs resolve,
 * so Federation 2 needs it `@shareable` (and identical in each: one class).
 */
@Directive('@shareable')

@ObjectType({ description: 'Une pièce justificative que le ministère a reçue pour la demande.' })
export class FiledDocument {
  @Field(() => ID, {
    nullable: true,
    description: 'Identifiant du fichier dans Guichet, à télécharger par GET /documents/{id} ; null pour une pièce que Guichet n’a pas transmise (remise au guichet du ministère).',
  })
  id!: string | null;

  @Field(() => String, { description: 'Nature de la pièce (une valeur de DocumentKind, telle que le ministère l’a enregistrée).' })
  kind!: string;

  @Field(() => String, { description: 'Type du fichier, reconnu à son contenu (application/pdf, image/jpeg, image/png).' })
  mediaType!: string;

  @Field(() => Int, { description: 'Taille en octets.' })
  size!: number;

  @Field(() => String, { description: 'Empreinte SHA-256 (hexadécimale) du fichier reçu : la même que celle renvoyée au dépôt.' })
  sha256!: string;
}
