export type { DossierEvent, DossierEventType } from './dossier-event.js';
export { dossierEventSchema, dossierEventTypes } from './dossier-event.js';
export { compareCursors, CURSOR_WIDTH, formatCursor, isCursor, parseCursor } from './cursor.js';
