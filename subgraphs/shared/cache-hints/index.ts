export { applyCacheHints, feedProofOf, type FeedProof } from './apply-cache-hints.js';
export { feedProofPlugin } from './feed-proof-plugin.js';
export type { CacheClass, CacheHintRules, CacheMaxAges } from './apply-cache-hints.js';
export { cacheHintEnvSchema } from './cache-hint-env.js';
export type { CacheHintEnv } from './cache-hint-env.js';
