export { createFeedFreshness, type FeedFreshness, type FeedFreshnessOptions, type FreshnessTicket, type ProvenRecord } from './feed-freshness.js';
export { withFeedFreshness, type FeedFreshnessCounters, type Proven } from './with-feed-freshness.js';
export { freshnessConfigFromEnv, freshnessConfigProblems, freshnessEnvSchema, type FreshnessConfig } from './freshness-config.js';
export { startFeedFreshness, type RunningFeedFreshness, type StartFeedFreshnessOptions } from './start-feed-freshness.js';
