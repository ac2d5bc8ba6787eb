// POST /documents: citizens' supporting documents, checked then stored (docs/documents.md).
export { createUploadRoute, type UploadRouteOptions } from './create-upload-route.js';
