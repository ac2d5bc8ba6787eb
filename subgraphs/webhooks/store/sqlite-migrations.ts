import type { Database } from 'better-sqlite3';
import { migrateSqlite } from '../../../lib/sqlite/index.js';

/**
 * The webhooks' schema on SQLite, one step per version (`PRAGMA user_version`). Append a step to change it, never
 * edit one that has shipped. Times are epoch ms; id columns compare in byte order (SQLite's BINARY collation), which
 * the delivery log's paging relies on.
 */
export const webhooksSqliteMigrations: readonly string[] = [
  `CREATE TABLE webhook_endpoints (
     id                TEXT PRIMARY KEY,
     owner_subject     TEXT NOT NULL,
     url               TEXT NOT NULL,
     description       TEXT,
     event_types       TEXT NOT NULL CHECK (json_valid(event_types)),
     ministries        TEXT NOT NULL CHECK (json_valid(ministries)),
     include_owner_niu INTEGER NOT NULL CHECK (include_owner_niu IN (0, 1)),
     sealed_secret     TEXT NOT NULL,
     state             TEXT NOT NULL CHECK (state IN ('ENABLED', 'DISABLED')),
     disabled_reason   TEXT,
     disabled_at       INTEGER,
     failing_since     INTEGER,
     created_at        INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner_subject, created_at, id);

   CREATE TABLE webhook_deliveries (
     id               TEXT PRIMARY KEY,
     webhook_id       TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
     event_cursor     TEXT,
     event_type       TEXT NOT NULL,
     payload          TEXT NOT NULL,
     state            TEXT NOT NULL CHECK (state IN ('PENDING', 'SUCCEEDED', 'FAILED')),
     attempts         INTEGER NOT NULL DEFAULT 0,
     next_attempt_at  INTEGER,
     last_attempt_at  INTEGER,
     last_status_code INTEGER,
     last_error       TEXT,
     created_at       INTEGER NOT NULL,
     succeeded_at     INTEGER,
     lease_owner      TEXT,
     lease_until      INTEGER
   ) STRICT;
   -- One delivery per webhook and event (test deliveries have no cursor: NULLs never collide).
   CREATE UNIQUE INDEX webhook_deliveries_event ON webhook_deliveries (webhook_id, event_cursor);
   CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, created_at) WHERE state = 'PENDING';
   CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at, id);
   CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE state <> 'PENDING';

   CREATE TABLE webhook_attempts (
     delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
     attempt     INTEGER NOT NULL,
     at          INTEGER NOT NULL,
     status_code INTEGER,
     error       TEXT,
     duration_ms REAL NOT NULL,
     PRIMARY KEY (delivery_id, attempt)
   ) STRICT;

   CREATE TABLE webhook_consumer_cursor (
     consumer   TEXT PRIMARY KEY,
     cursor     TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   ) STRICT;`,
];

export const webhooksSqliteSchemaVersion = webhooksSqliteMigrations.length;

/** Brings the database up to `webhooksSqliteSchemaVersion` (see migrateSqlite). */
export function migrateWebhooksSqlite(db: Database): void {
  migrateSqlite(db, 'webhooks', webhooksSqliteMigrations);
}
