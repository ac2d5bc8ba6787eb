/** The component name under which the trail's migrations are recorded (`guichet_migrations`). */
export const auditPostgresComponent = 'audit';

/**
 * The trail's tables, one step per version (applied by `migratePostgres`; append a step, never edit one that shipped).
 * `record` holds the canonical JSON exactly as sealed (text, not jsonb: jsonb would reorder and re-encode it, and the
 * hash covers those bytes); `niu` is a copy for the citizen's index, never trusted over the record. The anchor is one
 * row, moved in the same transaction as the records it vouches for. Triggers refuse UPDATE, DELETE and TRUNCATE of
 * records to anyone going through SQL, not only to this code (a table owner can still drop them: the anchor, the
 * MACs and the witness are what detect that).
 */
export const auditPostgresMigrations: readonly string[] = [
  `CREATE TABLE audit_records (
     seq    bigint PRIMARY KEY CHECK (seq > 0),
     niu    text NOT NULL,
     record text NOT NULL
   );
   CREATE INDEX audit_records_niu ON audit_records (niu, seq DESC);
   CREATE TABLE audit_head (
     id     boolean PRIMARY KEY DEFAULT true CHECK (id),
     seq    bigint NOT NULL CHECK (seq >= 0),
     hash   text NOT NULL,
     key_id text,
     mac    text NOT NULL
   );
   CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit records are append-only';
   END $$;
   CREATE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON audit_records FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
   CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();`,
];
