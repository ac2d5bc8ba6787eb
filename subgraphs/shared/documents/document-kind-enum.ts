import { registerEnumType } from 'type-graphql';
import { documentKindLabels, documentKinds } from '../../../schema/index.js';

/**
 * The graph's `DocumentKind` enum, registered once for every subgraph that names a kind (the catalogue's required
 * documents in dossiers, the filing inputs of the ministries that take documents): its values and descriptions come
 * from `schema/document-kinds.ts`, so that every subgraph's copy composes as one enum.
 */
export const DocumentKind = Object.fromEntries(documentKinds.map((kind) => [kind, kind])) as { readonly [K in (typeof documentKinds)[number]]: K };
registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  description: 'Nature d’une pièce justificative exigée par une démarche.',
  valuesConfig: Object.fromEntries(documentKinds.map((kind) => [kind, { description: `${documentKindLabels[kind]}.` }])),
});
