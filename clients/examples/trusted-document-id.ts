import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind } from 'graphql';
import { trustedDocumentIds } from '../generated/graphql.js';

type OperationName = keyof typeof trustedDocumentIds;
const isOperationName = (name: string): name is OperationName => Object.hasOwn(trustedDocumentIds, name);

/**
 * The gateway knows documents by the SHA-256 of their manifest body (clients/trusted-documents.json). The ids are
 * generated with the documents, so a client never hashes at run time (React Native has no WebCrypto) and never
 * depends on how its GraphQL library prints a document. urql's `persistedExchange({ generateHash })` calls this.
 */
export async function trustedDocumentId<R, V>(_query: string, document: TypedDocumentNode<R, V>): Promise<string> {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const name = operation?.kind === Kind.OPERATION_DEFINITION ? operation.name?.value : undefined;
  if (name === undefined || !isOperationName(name)) throw new Error(`not a trusted document: ${name ?? 'anonymous operation'} (add it to clients/operations/)`);
  return trustedDocumentIds[name];
}
