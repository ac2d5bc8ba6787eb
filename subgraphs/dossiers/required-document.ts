import { Field, ObjectType } from 'type-graphql';
import type { DocumentKind as DocumentKindValue } from '../../schema/index.js';
import { DocumentKind } from './procedure-enums.js';

@ObjectType({ description: 'Une pièce justificative exigée par une démarche.' })
export class RequiredDocument {
  @Field(() => DocumentKind, { description: 'Nature de la pièce : ce que le dépôt d’un fichier devra indiquer.' })
  kind!: DocumentKindValue;

  @Field({ description: 'Intitulé de cette nature de pièce.' })
  label!: string;

  @Field(() => String, { nullable: true, description: 'Ce que la démarche demande précisément, quand l’intitulé ne suffit pas.' })
  detail!: string | null;

  @Field({
    description: 'Vrai : un fichier à déposer (POST /documents) puis à joindre à la demande ; faux : se renseigne dans le formulaire de la demande (ex. le numéro de l’acte), sans fichier.',
  })
  asFile!: boolean;
}
