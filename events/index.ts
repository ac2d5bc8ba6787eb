// Dossier events: the shared vocabulary of the supervision subgraph's internal stream and of its consumers (issue 15).
export { compareCursors, dossierEventSchema, dossierEventTypes } from './dossier-event.js';
export type { DossierEvent, DossierEventType } from './dossier-event.js';
