export { createTtlCache } from './ttl-cache.js';
export type { TtlCache, TtlCacheOptions } from './ttl-cache.js';
export { cachedBatch } from './cached-batch.js';
export { cachedCall } from './cached-call.js';
