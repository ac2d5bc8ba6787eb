export type { DocumentOwner, DocumentStore, NewDocument, StoredDocument } from './document-store.js';
export { createFileDocumentStore, type FileDocumentStoreOptions } from './file-document-store.js';
