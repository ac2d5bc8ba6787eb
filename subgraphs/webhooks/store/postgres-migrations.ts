/** The component name under which `migratePostgres` records the webhooks' schema version (`guichet_migrations`). */
export const webhooksPostgresComponent = 'webhooks';

/**
 * The webhooks' tables on PostgreSQL, one step per version (applied by `migratePostgres`: at the store's first use,
 * or by `npm run db:migrate`). Append a step to change the schema, never edit one that has shipped. Times are epoch
 * ms (bigint), as in the SQLite store. Ids and cursors use the "C" collation: byte order, whatever the database's
 * locale, so the delivery log pages the same way on every server (and as SQLite does).
 */
export const webhooksPostgresMigrations: readonly string[] = [
  `CREATE TABLE webhook_endpoints (
     id                text COLLATE "C" PRIMARY KEY,
     owner_subject     text NOT NULL,
     url               text NOT NULL,
     description       text,
     event_types       text NOT NULL,
     ministries        text NOT NULL,
     include_owner_niu boolean NOT NULL,
     sealed_secret     text NOT NULL,
     state             text NOT NULL CHECK (state IN ('ENABLED', 'DISABLED')),
     disabled_reason   text,
     disabled_at       bigint,
     failing_since     bigint,
     created_at        bigint NOT NULL
   );
   CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner_subject, created_at, id);

   CREATE TABLE webhook_deliveries (
     id               text COLLATE "C" PRIMARY KEY,
     webhook_id       text COLLATE "C" NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
     event_cursor     text COLLATE "C",
     event_type       text NOT NULL,
     payload          text NOT NULL,
     state            text NOT NULL CHECK (state IN ('PENDING', 'SUCCEEDED', 'FAILED')),
     attempts         integer NOT NULL DEFAULT 0,
     next_attempt_at  bigint,
     last_attempt_at  bigint,
     last_status_code integer,
     last_error       text,
     created_at       bigint NOT NULL,
     succeeded_at     bigint,
     lease_owner      text,
     lease_until      bigint
   );
   -- One delivery per webhook and event, whichever replica fans it out (test deliveries have no cursor: NULLs never collide).
   CREATE UNIQUE INDEX webhook_deliveries_event ON webhook_deliveries (webhook_id, event_cursor);
   CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, created_at, id) WHERE state = 'PENDING';
   CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at, id);
   CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE state <> 'PENDING';

   CREATE TABLE webhook_attempts (
     delivery_id text COLLATE "C" NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
     attempt     integer NOT NULL,
     at          bigint NOT NULL,
     status_code integer,
     error       text,
     duration_ms double precision NOT NULL,
     PRIMARY KEY (delivery_id, attempt)
   );

   CREATE TABLE webhook_consumer_cursor (
     consumer   text PRIMARY KEY,
     cursor     text COLLATE "C" NOT NULL,
     updated_at bigint NOT NULL
   );`,
];
