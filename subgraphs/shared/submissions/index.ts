export { queuedDossierRecord } from './queued-dossier-record.js';
export type { QueuedDossier } from './queued-dossier-record.js';
export { withGuichetReferences } from './with-guichet-references.js';
export type { SubmissionLookup } from './with-guichet-references.js';
export { recordOfOutcome } from './record-of-outcome.js';
export { createMinistryOutbox } from './create-ministry-outbox.js';
export type { MinistryOutboxOptions } from './create-ministry-outbox.js';
export { submitDossier } from './submit-dossier.js';
export type { Filing, SubmissionDesk, SubmittedRecord } from './submit-dossier.js';
