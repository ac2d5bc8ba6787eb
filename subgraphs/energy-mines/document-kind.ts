import { registerEnumType } from 'type-graphql';
import { documentKindLabels, documentKinds } from '../../schema/index.js';

/**
 * The `DocumentKind` enum of the catalogue (the dossiers subgraph), defined here too for filing inputs: the same
 * values and descriptions from `schema/document-kinds.ts`, so that the two compose as one enum.
 */
export const DocumentKind = Object.fromEntries(documentKinds.map((kind) => [kind, kind])) as { readonly [K in (typeof documentKinds)[number]]: K };
registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  description: 'Nature d’une pièce justificative exigée par une démarche.',
  valuesConfig: Object.fromEntries(documentKinds.map((kind) => [kind, { description: `${documentKindLabels[kind]}.` }])),
});
