import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

export interface ResponseCachePluginsOptions {
  /** Memory for whole responses, in bytes; 0 = no response cache (`RESPONSE_CACHE_MAX_BYTES`). */
  readonly maxBytes: number;
}

/**
 * Whole responses that every subgraph involved marked PUBLIC (the catalogue), for as long as the shortest hint. No
 * session: PRIVATE answers (a citizen's own data) are never kept here; errors never are.
 */
export function createResponseCachePlugins<C extends BaseContext>({ maxBytes }: ResponseCachePluginsOptions): ApolloServerPlugin<C>[] {
  if (maxBytes <= 0) return [];
  return [responseCachePlugin<C>({ cache: new InMemoryLRUCache({ maxSize: maxBytes }), sessionId: () => Promise.resolve(null) })];
}
