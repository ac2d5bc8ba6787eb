export { DossierStatus } from './dossier-status-enum.js';
export { DossierStep } from './dossier-step.js';
export { ProcedureRef } from './procedure-ref.js';
export { DossierFields } from './dossier-fields.js';
export { decorateDossierFields, decorateLookupKey, dossierListingFields } from './dossier-field-specs.js';
export type { DossierFieldOptions } from './dossier-field-specs.js';
export { dossierView } from './dossier-view.js';
export { referenceOfKey } from './dossier-key.js';
export type { DossierKey } from './dossier-key.js';
