import type { DossierEvent } from '../../../events/index.js';

/** An event before the log numbers it: the log gives it its cursor when it appends it. */
export type NewDossierEvent = Omit<DossierEvent, 'cursor'>;
