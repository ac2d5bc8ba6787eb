import { Client, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { trustedDocumentId } from '../examples/index.js';

export interface GuichetUrqlClientOptions {
  /** The gateway's GraphQL endpoint. */
  readonly url: string;
  /** The caller's access token, read before each request; none for public data. */
  readonly accessToken?: () => string | undefined;
  /** Queries over GET (default true); mutations always over POST. */
  readonly getForQueries?: boolean;
  /** Another fetch (instrumentation, tests). Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * urql set up for Guichet: every operation, mutations included, sent as its trusted-document id (generated with the
 * documents: no hashing on the device), queries over GET. urql adds `__typename` to every selection set as Apollo
 * Client does, so a fallback to the full text is trusted too. For a normalized cache, give `@urql/exchange-graphcache`
 * `keys` from clients/generated/apollo-cache.ts (`keyFields`) and its `possibleTypes` as schema awareness.
 */
export function createGuichetUrqlClient({ url, accessToken, getForQueries = true, fetch }: GuichetUrqlClientOptions): Client {
  return new Client({
    url,
    exchanges: [persistedExchange({ enforcePersistedQueries: true, enableForMutation: true, preferGetForPersistedQueries: getForQueries, generateHash: trustedDocumentId }), fetchExchange],
    fetchOptions: () => {
      const token = accessToken?.();
      return { headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) } };
    },
    ...(fetch ? { fetch } : {}),
  });
}
