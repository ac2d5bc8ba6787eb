/** The component name of the supervision read model's tables in `guichet_migrations`. */
export const supervisionPostgresComponent = 'supervision';

/**
 * The supervision read model's tables in PostgreSQL, one SQL string per version, applied in order by
 * `migratePostgres` (never edit a released one: add the next).
 *
 * - `supervision_facts`: one row per dossier, its latest version; `revision` is the save that wrote it, so a replica
 *   reads only what changed since its last reload.
 * - `supervision_revision`: one row, incremented by every save under its row lock, so saves commit in revision
 *   order and a reader that saw revision R has seen every fact written at R or before.
 * - `supervision_cursors`: per legacy system, the feed's cursor and when the leader last saved a poll of it.
 * - `supervision_meta`: what the facts were read from (the legacy systems' URLs).
 * - `supervision_leader`: the ingesting leader's lease (one row; the database's clock decides expiry).
 * - `supervision_events` (2): the dossier events, numbered by `seq` (the cursor). Only the leader inserts, in its
 *   save's transaction after taking the revision's row lock: numbers are drawn and committed in order, so a reader
 *   that sees event N has seen every retained event before it. `supervision_meta.events_pruned_through` is the
 *   newest one pruned.
 * - `supervision_outbox_cursors` (3): per ministry outbox, the cursor of its outcomes feed, saved by the leader with the
 *   events the outcomes made (same fencing and ordering as a feed's save).
 */
export const supervisionPostgresMigrations: readonly string[] = [
  `CREATE TABLE supervision_facts (
     key          text PRIMARY KEY,
     system       text NOT NULL,
     procedure    text NOT NULL,
     commune      text,
     status       text NOT NULL,
     submitted_ms bigint NOT NULL,
     decided_ms   bigint,
     updated_ms   bigint NOT NULL,
     revision     bigint NOT NULL
   );
   CREATE INDEX supervision_facts_revision ON supervision_facts (revision);
   CREATE TABLE supervision_revision (id smallint PRIMARY KEY CHECK (id = 1), revision bigint NOT NULL);
   INSERT INTO supervision_revision (id, revision) VALUES (1, 0);
   CREATE TABLE supervision_cursors (system text PRIMARY KEY, cursor_ms bigint NOT NULL, saved_at timestamptz NOT NULL);
   CREATE TABLE supervision_meta (name text PRIMARY KEY, value text NOT NULL);
   CREATE TABLE supervision_leader (
     id         smallint PRIMARY KEY CHECK (id = 1),
     holder     text NOT NULL,
     term       bigint NOT NULL,
     expires_at timestamptz NOT NULL
   );`,
  `CREATE TABLE supervision_events (
     seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     appended_ms bigint NOT NULL,
     body        jsonb NOT NULL
   );
   CREATE INDEX supervision_events_appended ON supervision_events (appended_ms);`,
  `CREATE TABLE supervision_outbox_cursors (source text PRIMARY KEY, cursor text NOT NULL, saved_at timestamptz NOT NULL);`,
];
