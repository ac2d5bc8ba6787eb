export { ErrorCode, errorMessages, isErrorCode } from './error-codes.js';
export { DossierStatus, dossierStatuses } from './dossier-status.js';
export { MinistryCode, ministryNames, ProcedureCode, procedures, findProcedure } from './procedures.js';
export type { Procedure } from './procedures.js';
export { ReferencePrefix, systemOfReference, isWellFormedReference, isGuichetReference } from './references.js';
export type { DossierSystem } from './references.js';
export { legacySystems, isLegacySystem, ministryOfLegacySystem, ministriesWithASystem } from './legacy-systems.js';
export type { LegacySystem } from './legacy-systems.js';
