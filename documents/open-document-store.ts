import { createPgPool, migratePostgres } from '../lib/postgres/index.js';
import type { DocumentsConfig } from './documents-config.js';
import { createFileDocumentStore, createPostgresDocumentStore, documentsPostgresComponent, documentsPostgresMigrations, type DocumentStore } from './storage/index.js';

/** Where a service keeps documents: PostgreSQL when the service runs scaled (`DOCUMENTS_DATABASE_URL`, else `DATABASE_URL`), else the filesystem. */
export interface DocumentStoreLocation {
  readonly config: DocumentsConfig;
  /** The service's database (scaled mode); undefined: embedded. */
  readonly database?: { readonly url: string; readonly applicationName: string; readonly poolMax?: number };
}

/**
 * Opens the documents' store for a service, migrated; closing it ends its pool. In scaled mode the bytes live in the
 * database every replica shares (a filesystem is not shared between pods); embedded, in `DOCUMENTS_PATH`.
 */
export async function openDocumentStore({ config, database }: DocumentStoreLocation): Promise<DocumentStore> {
  // The documents' own database wins (DOCUMENTS_DATABASE_URL: one store for the gateway and the forwarding subgraphs).
  const url = config.databaseUrl ?? database?.url;
  if (url === undefined) return createFileDocumentStore({ directory: config.path });
  const pool = createPgPool({ url, applicationName: database?.applicationName ?? 'guichet-documents', max: database?.poolMax ?? 4 });
  try {
    await migratePostgres(pool, documentsPostgresComponent, documentsPostgresMigrations);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const store = createPostgresDocumentStore({ pool });
  return { ...store, close: () => pool.end() };
}
