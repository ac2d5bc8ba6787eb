export { uploadDocument } from './upload-document.js';
export type { UploadDocumentOptions, UploadedDocument } from './upload-document.js';
