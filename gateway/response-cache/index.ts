// The gateway's cache of whole PUBLIC responses (Apollo's response-cache plugin over a sized LRU).
export { createResponseCachePlugins, type ResponseCachePluginsOptions } from './create-response-cache-plugins.js';
