export { checkAttachedDocuments, type AttachedDocument, type AttachedDocumentsCheck } from './check-attached-documents.js';
