/** The component name under which `migratePostgres` records the outbox's schema version (`guichet_migrations`). */
export const outboxPostgresComponent = 'outbox';

/**
 * The outbox's tables on PostgreSQL, one step per version (applied by `migratePostgres`, at start-up or by
 * `npm run db:migrate`). Append a step to change the schema, never edit one that has shipped. Times are epoch
 * milliseconds (bigint), as in the SQLite store, so both stores answer the same numbers.
 */
export const outboxPostgresMigrations: readonly string[] = [
  `CREATE TABLE outbox_submissions (
     external_reference   text PRIMARY KEY,
     system               text NOT NULL,
     procedure_code       text NOT NULL,
     applicant_niu        text NOT NULL,
     payload              jsonb NOT NULL,
     idempotency_key_hash text,
     state                text NOT NULL CHECK (state IN ('queued', 'delivering', 'delivered', 'rejected')),
     attempts             integer NOT NULL DEFAULT 0,
     last_error_code      text,
     last_error_message   text,
     rejection_message    text,
     legacy_reference     text,
     created_at           bigint NOT NULL,
     updated_at           bigint NOT NULL,
     next_attempt_at      bigint NOT NULL,
     delivered_at         bigint,
     lease_owner          text,
     lease_until          bigint
   );
   -- The forwarders' claims: queued rows by due time, leased rows by lease end (a dead replica's rows).
   CREATE INDEX outbox_submissions_queued ON outbox_submissions (next_attempt_at, created_at) WHERE state = 'queued';
   CREATE INDEX outbox_submissions_leased ON outbox_submissions (lease_until) WHERE state = 'delivering';
   CREATE INDEX outbox_submissions_applicant ON outbox_submissions (applicant_niu, created_at);`,
  // 2: the outbox as a feed of outcomes (SubmissionOutcome). One sequence for the table (every system); rows that
  // had already ended are numbered in the order they ended.
  `CREATE SEQUENCE outbox_outcome_seq;
   ALTER TABLE outbox_submissions ADD COLUMN outcome_seq bigint, ADD COLUMN outcome_at bigint;
   UPDATE outbox_submissions AS s SET outcome_seq = numbered.seq, outcome_at = s.updated_at
   FROM (SELECT external_reference, nextval('outbox_outcome_seq') AS seq
         FROM (SELECT external_reference FROM outbox_submissions WHERE state IN ('delivered', 'rejected') ORDER BY updated_at, external_reference) AS ended) AS numbered
   WHERE s.external_reference = numbered.external_reference;
   CREATE UNIQUE INDEX outbox_submissions_outcomes ON outbox_submissions (outcome_seq) WHERE outcome_seq IS NOT NULL;`,
];
