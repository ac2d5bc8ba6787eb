export { generateClientTypes, generatedClientTypesFile } from './generate-client-types.js';
export { generateApolloCache, generatedApolloCacheFile } from './generate-apollo-cache.js';
export { generateClientFiles } from './generate-client-files.js';
export { cacheKeysOf } from './cache-keys.js';
export type { CacheKeys } from './cache-keys.js';
export { missingKeySelections } from './missing-keys.js';
