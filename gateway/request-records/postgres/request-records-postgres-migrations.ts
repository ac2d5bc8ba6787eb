/** The component name under which the records' migrations are recorded (`guichet_migrations`). */
export const requestRecordsPostgresComponent = 'request-records';

/**
 * The operational records' table, one step per version (append a step, never edit one that shipped). Lists are
 * jsonb: records are read whole, by time or by trace, never queried inside.
 */
export const requestRecordsPostgresMigrations: readonly string[] = [
  `CREATE TABLE request_records (
     id             bigserial PRIMARY KEY,
     at_ms          bigint NOT NULL,
     trace_id       text NOT NULL,
     client_id      text NOT NULL,
     role           text NOT NULL,
     ministry       text,
     operation_name text,
     operation_type text,
     status         integer NOT NULL,
     outcome        text NOT NULL,
     duration_ms    double precision NOT NULL,
     response_bytes bigint NOT NULL,
     error_codes    jsonb NOT NULL,
     subgraphs      jsonb NOT NULL,
     legacy_calls   jsonb NOT NULL
   );
   CREATE INDEX request_records_at ON request_records (at_ms);
   CREATE INDEX request_records_trace ON request_records (trace_id);`,
];
