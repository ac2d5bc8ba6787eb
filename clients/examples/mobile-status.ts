import { Client, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { DossierStatusDocument, ProceduresDocument, type DossierStatusQuery, type ProceduresQuery } from '../generated/graphql.js';
import { dataOf } from './guichet-request-error.js';
import { trustedDocumentId } from './trusted-document-id.js';

export interface MobileClientOptions {
  /** The gateway's GraphQL endpoint. */
  readonly url: string;
  /** The citizen's access token; none for public data only (the catalogue). */
  readonly accessToken?: () => string | undefined;
  /** Another fetch (instrumentation, tests). Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * The mobile app's client, made for poor networks: each query goes as a GET carrying only the trusted document's
 * id and the variables — a short URL, no body, and an answer the phone's HTTP cache or a CDN may keep when the
 * gateway says `Cache-Control: public` (the catalogue). `apollo-require-preflight` tells the gateway's CSRF
 * protection that this GET comes from a real client, not from a form or an <img> of another site.
 */
export function createMobileClient({ url, accessToken, fetch }: MobileClientOptions): Client {
  return new Client({
    url,
    exchanges: [persistedExchange({ enforcePersistedQueries: true, preferGetForPersistedQueries: true, generateHash: trustedDocumentId }), fetchExchange],
    fetchOptions: () => {
      const token = accessToken?.();
      return { headers: { 'apollo-require-preflight': 'true', ...(token ? { authorization: `Bearer ${token}` } : {}) } };
    },
    requestPolicy: 'network-only',
    ...(fetch ? { fetch } : {}),
  });
}

/** One dossier's normalized status, for the status screen and background polling; null if unknown or not the citizen's. */
export async function dossierStatus(client: Client, reference: string): Promise<DossierStatusQuery['dossier']> {
  return dataOf(await client.query(DossierStatusDocument, { reference }).toPromise()).dossier;
}

/** The procedure catalogue: public, so HTTP-cacheable. */
export async function procedureCatalogue(client: Client): Promise<ProceduresQuery['procedures']> {
  return dataOf(await client.query(ProceduresDocument, {}).toPromise()).procedures;
}
