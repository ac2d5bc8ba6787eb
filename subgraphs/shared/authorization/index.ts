export { RequiresScopes, Authenticated, Scopes, receiptOnlyScopes } from './requires-scopes.js';
export { asReceipt, isReceipt } from './receipts.js';
export { applyAuthorization, assertRequirement } from './apply-authorization.js';
export { canSeeCitizen, canSeeDossier, canFileFor, canSeeAct, representsCompany } from './visibility.js';
export { unauthenticatedError, forbiddenError } from './access-errors.js';
export { recordedWhenVisible } from './record-access.js';
export { DossierReaders, DossierRecordReaders, DossierFilers, CitizenDossierListReaders } from './dossier-access.js';
