export { createPortalClient, loadMyDashboard, loadCatalogue, requestCivilActCopy, fileEnergyMinesApplication, loadApplicationDocuments } from './portal.js';
export type { PortalClientOptions, DocumentToFile, DocumentUploadTarget } from './portal.js';
export { createMobileClient, dossierStatus, procedureCatalogue } from './mobile-status.js';
export type { MobileClientOptions } from './mobile-status.js';
export { trustedDocumentId } from './trusted-document-id.js';
export { GuichetRequestError, dataOf } from './guichet-request-error.js';
