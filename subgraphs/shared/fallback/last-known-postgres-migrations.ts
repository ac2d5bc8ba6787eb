/** The component name under which `migratePostgres` records the last-known tables' schema version. */
export const lastKnownPostgresComponent = 'last-known';

/**
 * The last-known values every replica of a subgraph shares (`createPostgresLastKnownStore`). `scope` keeps apart
 * the subgraphs sharing one database. Append a step to change the schema, never edit one that has shipped.
 */
export const lastKnownPostgresMigrations: readonly string[] = [
  `CREATE TABLE last_known_records (
     scope   text NOT NULL,
     key     text NOT NULL,
     value   jsonb NOT NULL,
     seen_at bigint NOT NULL,
     PRIMARY KEY (scope, key)
   );
   CREATE INDEX last_known_records_age ON last_known_records (scope, seen_at);
   CREATE TABLE last_known_lists (
     scope    text NOT NULL,
     list_key text NOT NULL,
     keys     text[] NOT NULL,
     seen_at  bigint NOT NULL,
     PRIMARY KEY (scope, list_key)
   );
   CREATE INDEX last_known_lists_age ON last_known_lists (scope, seen_at);`,
];
