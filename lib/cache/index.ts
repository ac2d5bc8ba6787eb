// The one bounded in-process cache (least recently used, by count, size and age), on the `lru-cache` package.
export { createSizedCache, type SizedCache, type SizedCacheOptions, type SizedCacheSetOptions } from './sized-cache.js';
