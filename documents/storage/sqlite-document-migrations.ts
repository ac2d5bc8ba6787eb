/**
 * The filesystem store's index, one step per version (`PRAGMA user_version`). Append a step to change it, never edit
 * one that has shipped.
 */
export const sqliteDocumentMigrations: readonly string[] = [
  `CREATE TABLE documents (
     id            TEXT PRIMARY KEY,
     owner_subject TEXT NOT NULL,
     owner_niu     TEXT NOT NULL,
     kind          TEXT NOT NULL,
     media_type    TEXT NOT NULL,
     size          INTEGER NOT NULL,
     sha256        TEXT NOT NULL,
     created_at    INTEGER NOT NULL,
     referenced_by TEXT
   ) STRICT;
   CREATE INDEX documents_sha256 ON documents (sha256);
   CREATE INDEX documents_unreferenced ON documents (created_at) WHERE referenced_by IS NULL;`,
  // A dossier's documents (listReferencedBy), for its readers to find their ids.
  'CREATE INDEX documents_referenced_by ON documents (referenced_by) WHERE referenced_by IS NOT NULL;',
];
