import type { Database } from 'better-sqlite3';
import { migrateSqlite } from '../lib/sqlite/index.js';

/**
 * The schema, one step per version; `PRAGMA user_version` records how many were applied. Append a step to change
 * the schema, never edit one that has shipped: a database on disk only ever moves forward.
 */
export const sqliteMigrations: readonly string[] = [
  `CREATE TABLE submissions (
     external_reference   TEXT PRIMARY KEY,
     system               TEXT NOT NULL,
     procedure_code       TEXT NOT NULL,
     applicant_niu        TEXT NOT NULL,
     payload              TEXT NOT NULL,
     idempotency_key_hash TEXT,
     state                TEXT NOT NULL CHECK (state IN ('queued', 'delivering', 'delivered', 'rejected')),
     attempts             INTEGER NOT NULL DEFAULT 0,
     last_error_code      TEXT,
     last_error_message   TEXT,
     rejection_message    TEXT,
     legacy_reference     TEXT,
     created_at           INTEGER NOT NULL,
     updated_at           INTEGER NOT NULL,
     next_attempt_at      INTEGER NOT NULL,
     delivered_at         INTEGER,
     lease_owner          TEXT,
     lease_until          INTEGER
   ) STRICT;
   CREATE INDEX submissions_due ON submissions (state, next_attempt_at);
   CREATE INDEX submissions_applicant ON submissions (applicant_niu, created_at);`,
  // 2: the outbox as a feed of outcomes (SubmissionOutcome). Rows that had already ended are numbered in the order
  // they ended, so the sequence describes every outcome the file holds.
  `ALTER TABLE submissions ADD COLUMN outcome_seq INTEGER;
   ALTER TABLE submissions ADD COLUMN outcome_at INTEGER;
   UPDATE submissions SET outcome_seq = numbered.seq, outcome_at = submissions.updated_at
   FROM (SELECT external_reference, ROW_NUMBER() OVER (ORDER BY updated_at, external_reference) AS seq
         FROM submissions WHERE state IN ('delivered', 'rejected')) AS numbered
   WHERE submissions.external_reference = numbered.external_reference;
   CREATE UNIQUE INDEX submissions_outcomes ON submissions (outcome_seq) WHERE outcome_seq IS NOT NULL;`,
];

export const schemaVersion = sqliteMigrations.length;

/** Brings the database up to `schemaVersion` (see migrateSqlite). */
export function migrate(db: Database): void {
  migrateSqlite(db, 'outbox', sqliteMigrations);
}
