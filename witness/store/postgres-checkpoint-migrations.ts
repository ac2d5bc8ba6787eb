/** The component name under which the witness's migrations are recorded (`guichet_migrations` of ITS database). */
export const witnessPostgresComponent = 'witness';

/**
 * The witness's tables, in a database of its own: the gateway's `DATABASE_URL` names another database, whose role
 * has no right to connect to this one (docs/scaled-stores.md). One step per version; append, never edit one that
 * shipped. Triggers make what was witnessed append-only for anyone going through SQL, not only for this code.
 */
export const witnessPostgresMigrations: readonly string[] = [
  `CREATE TABLE witness_checkpoints (
     log          text NOT NULL,
     n            bigint NOT NULL CHECK (n > 0),
     seq          bigint NOT NULL CHECK (seq >= 0),
     hash         text NOT NULL,
     witnessed_at text NOT NULL,
     kid          text NOT NULL,
     jws          text NOT NULL,
     PRIMARY KEY (log, n),
     UNIQUE (log, seq)
   );
   CREATE TABLE witness_alarms (
     id             bigserial PRIMARY KEY,
     log            text NOT NULL,
     at             text NOT NULL,
     kind           text NOT NULL CHECK (kind IN ('rollback', 'fork')),
     seq            bigint NOT NULL,
     hash           text NOT NULL,
     witnessed_seq  bigint NOT NULL,
     witnessed_hash text NOT NULL,
     reason         text NOT NULL
   );
   CREATE INDEX witness_alarms_log ON witness_alarms (log, id DESC);
   CREATE TABLE witness_signing_keys (
     kid        text PRIMARY KEY,
     public_jwk text NOT NULL,
     added      bigserial
   );
   CREATE FUNCTION witness_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
   END $$;
   CREATE TRIGGER witness_checkpoints_no_change BEFORE UPDATE OR DELETE ON witness_checkpoints FOR EACH ROW EXECUTE FUNCTION witness_append_only();
   CREATE TRIGGER witness_checkpoints_no_truncate BEFORE TRUNCATE ON witness_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION witness_append_only();
   CREATE TRIGGER witness_alarms_no_change BEFORE UPDATE OR DELETE ON witness_alarms FOR EACH ROW EXECUTE FUNCTION witness_append_only();
   CREATE TRIGGER witness_alarms_no_truncate BEFORE TRUNCATE ON witness_alarms FOR EACH STATEMENT EXECUTE FUNCTION witness_append_only();`,
];
