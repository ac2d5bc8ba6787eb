// POST /documents: citizens' supporting documents, checked then stored; GET /documents/{id}: read back (docs/documents.md).
export { createUploadRoute, type UploadRouteOptions } from './create-upload-route.js';
export { createDownloadRoute, type DownloadRouteOptions } from './create-download-route.js';
