// Citizens' supporting documents: the checks before storing, the stores, the audit (docs/documents.md).
export { checkFilename, DocumentRefusal, inspectDocument, type DocumentRefusalCode, type InspectedDocument } from './inspection/index.js';
export {
  createFileDocumentStore,
  createPostgresDocumentStore,
  documentsPostgresComponent,
  documentsPostgresMigrations,
  type DocumentOwner,
  type DocumentStore,
  type FileDocumentStoreOptions,
  type NewDocument,
  type StoredDocument,
} from './storage/index.js';
export { documentsConfigFromEnv, documentsEnvSchema, type DocumentsConfig } from './documents-config.js';
export { documentAuditEntry, type DocumentActor, type DocumentAuditAction } from './document-audit-entry.js';
export { openDocumentStore, type DocumentStoreLocation } from './open-document-store.js';
export { startDocumentSweep, sweepUnreferencedDocuments, type DocumentSweepOptions } from './sweep/index.js';
export { checkAttachedDocuments, type AttachedDocument, type AttachedDocumentsCheck } from './filing/index.js';
