export type { DocumentOwner, DocumentStore, NewDocument, StoredDocument } from './document-store.js';
export { createFileDocumentStore, type FileDocumentStoreOptions } from './file-document-store.js';
export { createPostgresDocumentStore, type PostgresDocumentStoreOptions } from './postgres-document-store.js';
export { documentsPostgresComponent, documentsPostgresMigrations } from './postgres-document-migrations.js';
