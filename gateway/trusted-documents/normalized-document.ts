import { type DefinitionNode, type DocumentNode, Kind, parse, print, visit } from 'graphql';
import { documentId } from './document-id.js';

const nameOf = (definition: DefinitionNode): string => (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION ? (definition.name?.value ?? '') : '');

/**
 * The same order as Apollo's `sortTopLevelDefinitions` (@apollo/persisted-query-lists): operations before fragments,
 * each by name. urql and hand-written clients append fragments in their own order.
 */
function sortTopLevelDefinitions(document: DocumentNode): DocumentNode {
  const definitions = [...document.definitions].sort((a, b) => (a.kind > b.kind ? -1 : a.kind < b.kind ? 1 : nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  return { ...document, definitions };
}

/**
 * A key under which a trusted document and the same document as another client prints it are equal: layout and
 * comments dropped (parse/print), definitions sorted, and every plain `__typename` selection removed — Apollo Client
 * and urql add it to each selection set, Relay and hand-written clients do not, and it reads nothing but the type's
 * own name. Undefined when the text does not parse within `maxTokens` (it then matches nothing).
 */
export function normalizedDocumentKey(text: string, maxTokens?: number): string | undefined {
  let document: DocumentNode;
  try {
    document = parse(text, { noLocation: true, ...(maxTokens === undefined ? {} : { maxTokens }) });
  } catch {
    return undefined;
  }
  const stripped = visit(document, {
    Field(node) {
      const plain = node.name.value === '__typename' && node.alias === undefined && (node.arguments ?? []).length === 0 && (node.directives ?? []).length === 0;
      return plain ? null : undefined;
    },
  });
  return documentId(print(sortTopLevelDefinitions(stripped)));
}

/**
 * Whether a document's text is one of `documents`: by its hash (Apollo Client prints the manifest's bodies byte for
 * byte), else the same document up to layout, comments, fragment order and `__typename` selections. One rule for
 * `/graphql` and the subscription transports.
 */
export function createTrustedTextCheck(documents: ReadonlyMap<string, { readonly body: string }>): (query: string) => boolean {
  const normalized = new Set<string>();
  let longestBody = 0;
  for (const { body } of documents.values()) {
    const key = normalizedDocumentKey(body);
    if (key !== undefined) normalized.add(key);
    longestBody = Math.max(longestBody, body.length);
  }
  // A body's length bounds its token count; twice that leaves room for another client's `__typename`s while a huge
  // document is refused by the parser before it costs anything.
  return (query) => documents.has(documentId(query)) || normalized.has(normalizedDocumentKey(query, 2 * longestBody) ?? '');
}
