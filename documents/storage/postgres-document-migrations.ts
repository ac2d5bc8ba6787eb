/** The component name under which `migratePostgres` records the documents' schema version (`guichet_migrations`). */
export const documentsPostgresComponent = 'documents';

/**
 * The documents' tables on PostgreSQL (scaled mode), one step per version. Append a step to change them, never edit
 * one that has shipped. Bytes are content-addressed in `document_blobs`; the foreign key keeps bytes from going
 * while an id still points at them, whichever replica deletes. Times are epoch milliseconds, as in the SQLite index.
 */
export const documentsPostgresMigrations: readonly string[] = [
  `CREATE TABLE document_blobs (
     sha256 text PRIMARY KEY,
     bytes  bytea NOT NULL
   );
   CREATE TABLE documents (
     id            text PRIMARY KEY,
     owner_subject text NOT NULL,
     owner_niu     text NOT NULL,
     kind          text NOT NULL,
     media_type    text NOT NULL,
     size          bigint NOT NULL,
     sha256        text NOT NULL REFERENCES document_blobs (sha256) ON DELETE RESTRICT,
     created_at    bigint NOT NULL,
     referenced_by text
   );
   CREATE INDEX documents_sha256 ON documents (sha256);
   CREATE INDEX documents_unreferenced ON documents (created_at) WHERE referenced_by IS NULL;`,
  // A dossier's documents (listReferencedBy), for its readers to find their ids.
  'CREATE INDEX documents_referenced_by ON documents (referenced_by) WHERE referenced_by IS NOT NULL;',
];
