export type { ChangeFeed } from './change-feeds.js';
export { feedSources } from './feed-sources.js';
export type { ConfiguredFeed, FeedLimits, FeedSource } from './feed-sources.js';
export { createFeedIngestor, INITIAL_SINCE } from './feed-ingestor.js';
export type { FeedIngestor, FeedIngestorOptions, FeedState, IngestionStatus } from './feed-ingestor.js';
