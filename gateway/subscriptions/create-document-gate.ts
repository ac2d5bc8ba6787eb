import { GraphQLError } from 'graphql';
import type { Principal } from '../../auth/index.js';
import { ErrorCode, errorMessages } from '../../schema/index.js';
import { arbitraryDocumentsScope, createTrustedTextCheck, type TrustedDocumentsOptions } from '../trusted-documents/index.js';

/** Refuses a subscription document the trusted-documents rules refuse on `/graphql`; undefined when it may run. */
export type DocumentGate = (query: string, principal: Principal) => GraphQLError | undefined;

/**
 * The trusted-documents rules of `/graphql` (gateway/trusted-documents), for the subscription transports: in
 * `enforce` mode, a document runs when it is a manifest document (by hash, or the same up to layout and
 * `__typename`s) or its caller may send any (an open client, `documents:any`). Both protocols carry the document's
 * text, so ids alone are not accepted here.
 */
export function createDocumentGate({ mode, documents, openClients }: Pick<TrustedDocumentsOptions, 'mode' | 'documents' | 'openClients'>): DocumentGate {
  if (mode !== 'enforce') return () => undefined;
  const open = new Set(openClients);
  const isTrustedText = createTrustedTextCheck(documents);
  return (query, principal) => {
    if (open.has(principal.clientId) || principal.scopes.includes(arbitraryDocumentsScope)) return undefined;
    if (isTrustedText(query)) return undefined;
    return new GraphQLError(errorMessages.DOCUMENT_NOT_TRUSTED, { extensions: { code: ErrorCode.DOCUMENT_NOT_TRUSTED } });
  };
}
