import { HeaderMap } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { ErrorCode, errorMessages } from '../../schema/index.js';

type Reason = 'not-found' | 'not-trusted' | 'bad-extension' | 'hash-mismatch';

const replies: Readonly<Record<Reason, { code: string; message: string; status: number }>> = {
  // 200, as Apollo Server does: an APQ client link then retries with the full document, whereas a 400 would make
  // it disable persisted queries for good.
  'not-found': { code: ErrorCode.PERSISTED_QUERY_NOT_FOUND, message: errorMessages.PERSISTED_QUERY_NOT_FOUND, status: 200 },
  'not-trusted': { code: ErrorCode.DOCUMENT_NOT_TRUSTED, message: errorMessages.DOCUMENT_NOT_TRUSTED, status: 400 },
  'bad-extension': { code: ApolloServerErrorCode.BAD_REQUEST, message: 'Extension persistedQuery invalide : { "version": 1, "sha256Hash": "<sha256 hexadécimal>" } attendu.', status: 400 },
  'hash-mismatch': { code: ApolloServerErrorCode.BAD_REQUEST, message: 'Le sha256Hash fourni n’est pas l’empreinte du document envoyé.', status: 400 },
};

/** A request refused before parsing: unknown id, untrusted document, malformed `persistedQuery` extension. Never cached. */
export class TrustedDocumentError extends GraphQLError {
  override readonly name = 'TrustedDocumentError';
  constructor(readonly reason: Reason) {
    const { code, message, status } = replies[reason];
    super(message, { extensions: { code, http: { status, headers: new HeaderMap([['cache-control', 'no-store']]) } } });
  }
}
