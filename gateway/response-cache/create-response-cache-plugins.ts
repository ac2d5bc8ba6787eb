import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';

export interface ResponseCachePluginsOptions {
  /** Memory for whole responses, in bytes; 0 = no response cache (`RESPONSE_CACHE_MAX_BYTES`). */
  readonly maxBytes: number;
  /** Scaled mode: the cache shared by every replica (Redis) instead of this process's LRU. */
  readonly sharedCache?: KeyValueCache<string>;
}

/**
 * Whole responses that every subgraph involved marked PUBLIC (the catalogue), for as long as the shortest hint. No
 * session: PRIVATE answers (a citizen's own data) are never kept here; errors never are. Hence nothing to invalidate
 * after a mutation: no citizen's mutation changes a public answer, which lives its short max-age.
 */
export function createResponseCachePlugins<C extends BaseContext>({ maxBytes, sharedCache }: ResponseCachePluginsOptions): ApolloServerPlugin<C>[] {
  if (maxBytes <= 0) return [];
  return [responseCachePlugin<C>({ cache: sharedCache ?? new InMemoryLRUCache({ maxSize: maxBytes }), sessionId: () => Promise.resolve(null) })];
}
