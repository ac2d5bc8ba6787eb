export type { NewDossierEvent } from './new-dossier-event.js';
export type { DossierEventLog, DossierEventPage } from './dossier-event-log.js';
export { deriveDossierEvents, recordStatuses, type KnownStatuses } from './derive-dossier-events.js';
export { createMemoryDossierEventLog, type MemoryDossierEventLog } from './memory-dossier-event-log.js';
export { createWakeups, type Wakeups } from './wakeups.js';
export { createDossierEventStream, type DossierEventStream, type DossierEventStreamOptions } from './dossier-event-stream.js';
export { outcomeDossierEvents } from './outcome-dossier-events.js';
export { createFeedReadBroadcast, type FeedReadBroadcast } from './feed-read-broadcast.js';
