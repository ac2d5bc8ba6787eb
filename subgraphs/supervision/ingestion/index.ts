export { changeFeedsOf } from './change-feeds.js';
export type { ChangeFeed, FeedAdapters } from './change-feeds.js';
export { createFeedIngestor, INITIAL_SINCE } from './feed-ingestor.js';
export type { FeedIngestor, FeedIngestorOptions, FeedState, IngestionStatus } from './feed-ingestor.js';
