import Negotiator from 'negotiator';

export const graphqlResponseJson = 'application/graphql-response+json; charset=utf-8';
export const applicationJson = 'application/json; charset=utf-8';

/** What a GraphQL answer may be sent as: one of the two JSON types, or only a stream (`multipart/mixed`, @defer). */
export type ResponseMediaType = typeof graphqlResponseJson | typeof applicationJson | 'multipart/mixed';

// graphql-response+json first: a wildcard (`*/*`, `application/*`) ranks both equally, and the server's order breaks
// the tie. With charset, so that `Accept: application/json; charset=utf-8` matches (negotiator compares parameters).
const singleResultTypes = [graphqlResponseJson, applicationJson];

/**
 * The media type of the answer, from `Accept` (GraphQL over HTTP, "Body" and "Legacy watershed"): the client's
 * highest-ranked type we serve. No `Accept` means `application/graphql-response+json` since 2025-01-01, and so does a
 * bare wildcard; `application/json` only when the client ranks it first — legacy clients, which then get 200 for
 * request errors. `multipart/mixed` when the client accepts nothing else (only an incremental answer can serve it).
 * `undefined`: nothing acceptable, a 406 before anything runs.
 */
export function negotiateResponseType(accept: string | undefined): ResponseMediaType | undefined {
  if (accept === undefined || accept.trim() === '') return graphqlResponseJson;
  const negotiator = new Negotiator({ headers: { accept } });
  const single = negotiator.mediaType(singleResultTypes);
  if (single === applicationJson) return applicationJson;
  if (single === graphqlResponseJson) return graphqlResponseJson;
  return negotiator.mediaType(['multipart/mixed']) === undefined ? undefined : 'multipart/mixed';
}

/** Whether a `Content-Type` is one of the two single-result JSON types (the ones this handler may rewrite). */
export function isSingleResultType(contentType: string | undefined): boolean {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence === 'application/json' || essence === 'application/graphql-response+json';
}
