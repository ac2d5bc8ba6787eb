// The gateway's cache of whole PUBLIC responses (Apollo's response-cache plugin over a sized LRU, or Redis when scaled).
export { createResponseCachePlugins, type ResponseCachePluginsOptions } from './create-response-cache-plugins.js';
export { createRedisKeyValueCache, type RedisKeyValueCacheOptions } from './redis-key-value-cache.js';
