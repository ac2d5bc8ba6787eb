import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { Principal } from '../../auth/principal.js';
import { documentId } from './document-id.js';
import type { ManifestOperation } from './manifest.js';
import { createTrustedTextCheck } from './normalized-document.js';
import type { PrincipalContext } from './principal-context.js';
import { TrustedDocumentError } from './trusted-document-error.js';

/**
 * - `enforce`: ids and manifest documents for everyone; any other document only for open clients and `documents:any`;
 * - `allow-arbitrary`: ids and manifest documents, and any other document from anyone (development);
 * - `off`: no manifest; Apollo answers PERSISTED_QUERY_NOT_SUPPORTED to ids, any document runs.
 */
export type TrustedDocumentsMode = 'off' | 'allow-arbitrary' | 'enforce';

/** Scope letting an integrator send documents that are not in the manifest (exploration, its own tooling). */
export const arbitraryDocumentsScope = 'documents:any';

export interface TrustedDocumentsPluginOptions {
  readonly mode: Exclude<TrustedDocumentsMode, 'off'>;
  /** The manifest, by id. */
  readonly documents: ReadonlyMap<string, ManifestOperation>;
  /** OAuth client ids that may send any document in `enforce` mode (`TRUSTED_DOCUMENTS_OPEN_CLIENTS`). Default none. */
  readonly openClients?: readonly string[];
}

/** The `persistedQuery` extension (Apollo's APQ wire format, which clients also use for trusted documents), if any. */
function persistedHashOf(request: GraphQLRequest): string | undefined {
  const extension: unknown = request.extensions?.persistedQuery;
  if (extension === undefined) return undefined;
  if (typeof extension !== 'object' || extension === null) throw new TrustedDocumentError('bad-extension');
  const { version, sha256Hash } = extension as Record<string, unknown>;
  if (version !== 1 || typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256Hash)) throw new TrustedDocumentError('bad-extension');
  return sha256Hash.toLowerCase();
}

/**
 * Trusted documents. In `requestDidStart` (Apollo reads `request.query` and `request.extensions` only after that
 * hook), a request carrying `extensions.persistedQuery` and no `query` gets the manifest body as its `query`, and the
 * extension is removed so that Apollo's own APQ cache never sees it (no client can register a document). Unknown id →
 * PERSISTED_QUERY_NOT_FOUND; a document outside the manifest, in `enforce` mode, from a caller not allowed arbitrary
 * documents → DOCUMENT_NOT_TRUSTED. A client may also send a manifest document's full text: it is trusted by its hash
 * (Apollo Client prints the manifest's bodies byte for byte), else when it is the same document up to layout,
 * comments, the order of its fragments and `__typename` selections (normalizedDocumentKey: urql's printing, a
 * document written without `__typename`); it then runs as sent, so its answer has the shape it asked for.
 */
export function createTrustedDocumentsPlugin({ mode, documents, openClients = [] }: TrustedDocumentsPluginOptions): ApolloServerPlugin<PrincipalContext> {
  const open = new Set(openClients);
  const isTrustedText = createTrustedTextCheck(documents);
  const mayRunArbitrary = (principal: Principal) => mode === 'allow-arbitrary' || open.has(principal.clientId) || principal.scopes.includes(arbitraryDocumentsScope);
  return {
    // Apollo answers a bare 500 to anything thrown before parsing, unless this hook throws in turn: our refusal then
    // becomes the response, with its code and HTTP status (see gateway/limits/token-limit-plugin.ts).
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof TrustedDocumentError) throw error;
    },
    async requestDidStart({ request, contextValue }) {
      const hash = persistedHashOf(request);
      let trusted: boolean;
      if (hash !== undefined) {
        const operation = documents.get(hash);
        if (request.query === undefined) {
          if (!operation) throw new TrustedDocumentError('not-found');
          request.query = operation.body;
          trusted = true;
        } else {
          if (documentId(request.query) !== hash) throw new TrustedDocumentError('hash-mismatch');
          // An automatic-persisted-query client's retry (its own hash and text) is trusted as its text would be.
          trusted = operation !== undefined || (!mayRunArbitrary(contextValue.principal) && isTrustedText(request.query));
        }
        const { persistedQuery: _handled, ...rest } = request.extensions ?? {};
        request.extensions = rest;
      } else {
        // Normalizing parses the text: only for callers it would refuse otherwise.
        trusted = request.query !== undefined && (documents.has(documentId(request.query)) || (!mayRunArbitrary(contextValue.principal) && isTrustedText(request.query)));
      }
      // No query at all is Apollo's to refuse (400 BAD_REQUEST).
      if (!trusted && request.query !== undefined && !mayRunArbitrary(contextValue.principal)) throw new TrustedDocumentError('not-trusted');
    },
  };
}
