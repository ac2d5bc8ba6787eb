export type { ChangeFeed, FeedChange } from './change-feeds.js';
export { feedSourceOf, loadFeedSources } from './feed-sources.js';
export { loadAdapterKit } from './load-adapter-kit.js';
export type { AnyAdapterKit } from './load-adapter-kit.js';
export type { ConfiguredFeed, FeedLimits, FeedSource } from './feed-sources.js';
export { createFeedIngestor, INITIAL_SINCE } from './feed-ingestor.js';
export type { FeedIngestor, FeedIngestorOptions, FeedState, IngestionStatus } from './feed-ingestor.js';
export { createPauses } from './pauses.js';
