export type { DossierEvent, DossierEventType } from './dossier-event.js';
export { dossierEventSchema, dossierEventTypeDescriptions, dossierEventTypes } from './dossier-event.js';
export { compareCursors, CURSOR_WIDTH, formatCursor, isCursor, parseCursor } from './cursor.js';
export { readDossierEventStream, DossierEventStreamRefusedError, type DossierEventStreamOptions } from './read-dossier-event-stream.js';
export { followDossierEvents, type FollowDossierEventsOptions } from './follow-dossier-events.js';
export { FEED_READ_EVENT, FEED_READS_PARAMETER, feedReadSchema, type FeedRead } from './feed-read.js';
export { createFeedCoverage, type FeedCoverage, type FeedCoverageOptions, type FeedStanding } from './feed-coverage.js';
