// The gateway's caches of whole responses: PUBLIC ones (Apollo's response-cache plugin over a sized LRU, or Redis when
// scaled), and PRIVATE ones per caller, kept on their subgraphs' hints and the change feeds' proof (this process only).
export { createResponseCachePlugins, type ResponseCachePluginsOptions } from './create-response-cache-plugins.js';
export { createRedisKeyValueCache, type RedisKeyValueCacheOptions } from './redis-key-value-cache.js';
export { createPrivateResponses, type KeptResponse, type PrivateResponses, type PrivateResponsesOptions, type PrivateResponseStats } from './private-responses.js';
export { privateResponseCachePlugin, type PrivateResponseCachePluginOptions } from './private-response-cache-plugin.js';
export { keepableResponse, type Keepable, type KeepableOptions } from './keepable-response.js';
