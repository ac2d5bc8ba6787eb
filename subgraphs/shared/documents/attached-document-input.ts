import { Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { DocumentKind as DocumentKindValue } from '../../../schema/index.js';
import { DocumentKind } from './document-kind-enum.js';

@InputType({ description: 'Une pièce justificative jointe à la demande : déposée d’abord par POST /documents, qui a renvoyé son identifiant.' })
export class AttachedDocumentInput {
  @Field(() => DocumentKind, { description: 'Nature de la pièce, parmi celles que la démarche demande.' })
  kind!: DocumentKindValue;

  @Field(() => ID, { description: 'Identifiant renvoyé par POST /documents (un document que vous avez déposé).' })
  @Length(1, 64, { message: 'Identifiant de document invalide.' })
  id!: string;
}
