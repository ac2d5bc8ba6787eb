import type { Database } from 'better-sqlite3';
import { migrateSqlite } from '../../lib/sqlite/index.js';

/**
 * The schema, one step per version; `PRAGMA user_version` records how many were applied. Append a step to change
 * it, never edit one that has shipped. Triggers make the witnessed tables append-only for anyone holding the file
 * through SQLite, not only for this code.
 */
const migrations: readonly string[] = [
  `CREATE TABLE checkpoints (
     log          TEXT NOT NULL,
     n            INTEGER NOT NULL,
     seq          INTEGER NOT NULL,
     hash         TEXT NOT NULL,
     witnessed_at TEXT NOT NULL,
     kid          TEXT NOT NULL,
     jws          TEXT NOT NULL,
     PRIMARY KEY (log, n),
     UNIQUE (log, seq)
   ) STRICT;
   CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
   CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
   CREATE TABLE alarms (
     id             INTEGER PRIMARY KEY,
     log            TEXT NOT NULL,
     at             TEXT NOT NULL,
     kind           TEXT NOT NULL CHECK (kind IN ('rollback', 'fork')),
     seq            INTEGER NOT NULL,
     hash           TEXT NOT NULL,
     witnessed_seq  INTEGER NOT NULL,
     witnessed_hash TEXT NOT NULL,
     reason         TEXT NOT NULL
   ) STRICT;
   CREATE INDEX alarms_log ON alarms (log, id);
   CREATE TRIGGER alarms_no_update BEFORE UPDATE ON alarms BEGIN SELECT RAISE(ABORT, 'alarms are append-only'); END;
   CREATE TRIGGER alarms_no_delete BEFORE DELETE ON alarms BEGIN SELECT RAISE(ABORT, 'alarms are append-only'); END;
   CREATE TABLE signing_keys (
     kid        TEXT PRIMARY KEY,
     public_jwk TEXT NOT NULL,
     added      INTEGER NOT NULL
   ) STRICT;`,
];

export const schemaVersion = migrations.length;

/** Brings the database up to `schemaVersion` (see migrateSqlite). */
export function migrate(db: Database): void {
  migrateSqlite(db, 'witness', migrations);
}
