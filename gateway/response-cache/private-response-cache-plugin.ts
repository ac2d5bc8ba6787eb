import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { BREAK, type DocumentNode, visit } from 'graphql';
import { replayAccess, snapshotAccess, type AccessSnapshot } from '../../audit/index.js';
import type { GatewayContext } from '../gateway-context.js';
import { callerHashOf, responsePartsOf, trackResponseParts } from '../subgraph-fetch/index.js';
import { keepableResponse } from './keepable-response.js';
import type { PrivateResponses } from './private-responses.js';

export interface PrivateResponseCachePluginOptions {
  readonly responses: PrivateResponses;
  /** The supergraph's hash: a reload starts from an empty cache for its own plans. */
  readonly generation: string;
  /** Never longer than this, whatever the parts allow (`SUBGRAPH_CACHE_MAX_AGE_S`). */
  readonly maxAgeSeconds: number;
}

/**
 * Serves a query again, whole, to the caller who asked it, while every subgraph answer it was built from still stands
 * (see `createPrivateResponses`): no plan is run and no subgraph is called. Everything before execution still runs
 * (authentication, rate limit, trusted documents, limits), the key is the whole principal with the exact operation and
 * variables, and the access records of the first answer are written again for this one: same data, same trail.
 * Downstream it is what the first answer was (`no-store` when it rests on the feeds).
 */
// The entry around the JSON: its key, access records, proofs and bookkeeping (measured order of magnitude).
const entryOverheadBytes = 512;

// Per parsed document (Apollo reuses the object for a query it has seen): whether it asks for incremental delivery.
const incremental = new WeakMap<DocumentNode, boolean>();

/**
 * An operation with `@defer` or `@stream` is answered in parts to a client that accepts them: never kept nor served
 * whole from here, so that such a client always gets the parts it asked for (and the audit of each part).
 */
function asksForParts(document: DocumentNode): boolean {
  let found = incremental.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Directive(node) {
        if (node.name.value !== 'defer' && node.name.value !== 'stream') return undefined;
        found = true;
        return BREAK;
      },
    });
    incremental.set(document, found);
  }
  return found;
}

export function privateResponseCachePlugin<C extends GatewayContext>({ responses, generation, maxAgeSeconds }: PrivateResponseCachePluginOptions): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      if (!responses.enabled) return {};
      // Set once the request is a query this cache may answer or keep.
      let key: string | undefined;
      // The whole principal, serialised once: the key's part and, hashed, whose answer it is.
      let callerKey = '';
      let readMs = 0;
      // Served from the cache: what it may be kept for downstream, and how old it is.
      let servedDownstreamS: number | undefined;
      let servedAgeS = 0;
      let access: AccessSnapshot | undefined;
      return {
        async responseForOperation({ operation, document, contextValue, queryHash, operationName, request }) {
          if (operation.operation !== 'query' || asksForParts(document)) return null;
          callerKey = JSON.stringify(contextValue.principal);
          key = createHash('sha256')
            .update(JSON.stringify([generation, callerKey, queryHash, operationName ?? null, request.variables ?? {}]))
            .digest('base64url');
          // A client asking for an answer from the sources (`Cache-Control: no-cache` or `no-store`, a portal's « actualiser »)
          // is not served from here; what it gets may still be kept for the next request.
          const fresh = /\bno-(cache|store)\b/i.test(request.http?.headers.get('cache-control') ?? '');
          const kept = fresh ? undefined : responses.lookup(key);
          if (kept === undefined) {
            readMs = responses.now();
            trackResponseParts(contextValue);
            return null;
          }
          const now = responses.now();
          const leftS = Math.floor((kept.expiresAtMs - now) / 1_000);
          servedAgeS = Math.max(0, Math.floor((now - kept.readMs) / 1_000));
          servedDownstreamS = Math.max(0, Math.min(kept.downstreamMaxAgeSeconds, leftS));
          replayAccess(contextValue, kept.access);
          const data = JSON.parse(kept.json) as Record<string, unknown>;
          return { body: { kind: 'single', singleResult: { data } }, http: { status: undefined, headers: new HeaderMap() } };
        },
        async executionDidStart({ contextValue }) {
          return {
            async executionDidEnd() {
              // Before the audit plugin takes the ledger (willSendResponse): everything this answer touched.
              if (key !== undefined) access = snapshotAccess(contextValue);
            },
          };
        },
        async willSendResponse({ contextValue, response, overallCachePolicy }) {
          if (key === undefined) return;
          if (servedDownstreamS !== undefined) {
            overallCachePolicy.restrict({ maxAge: servedDownstreamS, scope: 'PRIVATE' });
            // RFC 9111: how long ago the answer was made, as HTTP caches say it.
            response.http.headers.set('age', String(servedAgeS));
            return;
          }
          const { body } = response;
          if (access === undefined || body.kind !== 'single') return;
          const { data, errors } = body.singleResult;
          if ((errors !== undefined && errors.length > 0) || data === null || data === undefined) return;
          const parts = responsePartsOf(contextValue);
          const keepable = parts && keepableResponse(parts, { readMs, provesFeeds: responses.provesFeeds, maxAgeSeconds });
          if (!keepable) return;
          const downstream = overallCachePolicy.policyIfCacheable();
          const json = JSON.stringify(data);
          responses.keep(key, {
            json,
            // Two bytes a character at worst (V8's two-byte strings), and the entry's own objects.
            bytes: 2 * json.length + entryOverheadBytes,
            caller: callerHashOf(callerKey),
            access,
            proofs: keepable.proofs,
            readMs,
            expiresAtMs: keepable.expiresAtMs,
            downstreamMaxAgeSeconds: downstream?.maxAge ?? 0,
          });
        },
      };
    },
  };
}
