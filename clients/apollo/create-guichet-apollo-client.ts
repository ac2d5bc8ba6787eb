import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { SetContextLink } from '@apollo/client/link/context';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { generatePersistedQueryIdsFromManifest } from '@apollo/persisted-query-lists';
import { possibleTypes, typePolicies } from '../generated/apollo-cache.js';
import { trustedDocumentIds } from '../generated/graphql.js';

export interface GuichetApolloClientOptions {
  /** The gateway's GraphQL endpoint, e.g. https://guichet.gouv.tg/graphql. */
  readonly url: string;
  /** The caller's access token (OIDC), read before each request so that a refreshed one is used; none for public data. */
  readonly accessToken?: () => string | undefined | Promise<string | undefined>;
  /**
   * Queries over GET (default true): a short URL with the document's id, which the phone's HTTP cache or a CDN may
   * keep when the gateway says `Cache-Control: public` (the catalogue). Mutations always go over POST.
   */
  readonly getForQueries?: boolean;
  /** Another fetch (instrumentation, tests). Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/** The manifest's ids by operation name, without shipping the documents' bodies to the browser a second time. */
const manifestIds = { operations: Object.entries(trustedDocumentIds).map(([name, id]) => ({ name, id })) };

/**
 * Apollo Client 4 set up for Guichet: each operation sent as its trusted-document id (`extensions.persistedQuery`,
 * ids from the manifest via @apollo/persisted-query-lists, so the device never hashes and never disagrees with the
 * gateway), queries over GET, the token on every request, and a normalized cache configured from the schema
 * (clients/generated/apollo-cache.ts): entities stored once under their key, fragments on `Dossier` matched, and
 * `dossier(reference)` read from the cache when the dossier is already there.
 * `apollo-require-preflight` tells the gateway's CSRF protection that a GET comes from a real client.
 */
export function createGuichetApolloClient({ url, accessToken, getForQueries = true, fetch }: GuichetApolloClientOptions): ApolloClient {
  const auth = new SetContextLink(async (context) => {
    const token = await accessToken?.();
    return { headers: { ...context.headers, 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });
  const persisted = new PersistedQueryLink({ ...generatePersistedQueryIdsFromManifest({ loadManifest: () => manifestIds }), useGETForHashedQueries: getForQueries });
  const http = new HttpLink({ uri: url, ...(fetch ? { fetch } : {}) });
  // `@defer` (MyDashboardDeferred) in the format every Guichet gateway speaks: deferSpec=20220824.
  return new ApolloClient({ link: ApolloLink.from([auth, persisted, http]), cache: new InMemoryCache({ possibleTypes, typePolicies }), incrementalHandler: new Defer20220824Handler() });
}
