import type { ApolloServerPlugin } from '@apollo/server';
import { isPublicOperation } from './public-operation.js';

export interface HttpCachePluginOptions {
  /** Root query fields answering public data (`procedures`, `procedure`). */
  readonly publicRootFields: readonly string[];
  /** `max-age` of a public response. Default 300. */
  readonly publicMaxAgeSeconds?: number;
}

/** Headers a response depends on: its content type (`Accept`) and the caller (`Authorization`). */
const varyOn = ['Accept', 'Authorization'];

function withVary(current: string | undefined): string {
  const names = (current ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  for (const name of varyOn) if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  return names.join(', ');
}

/**
 * HTTP caching of GraphQL responses: a successful GET of a query touching only public root fields is
 * `public, max-age=<publicMaxAgeSeconds>` (a CDN or the app's HTTP cache may keep the catalogue); a successful GET of
 * personal data is `private, no-cache` — the caller's own client may keep it but must revalidate it every time, which
 * costs a `304` without a body when nothing changed (the ETag is per caller: lib/graphql-http); everything else —
 * errors, POST, mutations — is `private, no-store`. Always `Vary: Accept, Authorization`: the body's
 * media type follows `Accept`, and a cache must never hand one caller's answer to another. Decided from the document,
 * not from Apollo cache hints: the subgraphs declare none, and "public" is a property of the root fields (what an
 * anonymous caller may read), which the gateway knows.
 */
export function createHttpCachePlugin({ publicRootFields, publicMaxAgeSeconds = 300 }: HttpCachePluginOptions): ApolloServerPlugin {
  const publicFields = new Set(publicRootFields);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, document, operation }) {
          const { headers } = response.http;
          headers.set('vary', withVary(headers.get('vary')));
          const storable =
            request.http?.method === 'GET' && response.body.kind === 'single' && response.body.singleResult.errors === undefined && document !== undefined && operation?.operation === 'query';
          const cacheControl = !storable ? 'private, no-store' : isPublicOperation(document, operation, publicFields) ? `public, max-age=${publicMaxAgeSeconds}` : 'private, no-cache';
          headers.set('cache-control', cacheControl);
        },
      };
    },
  };
}
