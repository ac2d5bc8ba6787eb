import { migratePostgres, type PgPool } from '../../../lib/postgres/index.js';
import { createStoreHealth, type StoreHealth } from '../../../lib/store-health/index.js';
import type { RequestRecord } from '../request-record.js';
import type { RequestRecordStore } from '../request-record-store.js';
import { requestRecordsPostgresComponent, requestRecordsPostgresMigrations } from './request-records-postgres-migrations.js';

export interface PostgresRecordStoreOptions {
  readonly pool: PgPool;
  /** End the pool on close. Default true. */
  readonly ownsPool?: boolean;
  /** Rows deleted per statement while pruning: a long-unpruned table is not locked for seconds. Default 5000. */
  readonly pruneSlice?: number;
}

interface Row {
  readonly at_ms: string;
  readonly trace_id: string;
  readonly client_id: string;
  readonly role: string;
  readonly ministry: string | null;
  readonly operation_name: string | null;
  readonly operation_type: string | null;
  readonly status: number;
  readonly outcome: RequestRecord['outcome'];
  readonly duration_ms: number;
  readonly response_bytes: string;
  readonly error_codes: string[];
  readonly subgraphs: RequestRecord['subgraphs'];
  readonly legacy_calls: RequestRecord['legacyCalls'];
}

const columns = [
  'at_ms',
  'trace_id',
  'client_id',
  'role',
  'ministry',
  'operation_name',
  'operation_type',
  'status',
  'outcome',
  'duration_ms',
  'response_bytes',
  'error_codes',
  'subgraphs',
  'legacy_calls',
];
const types = ['bigint', 'text', 'text', 'text', 'text', 'text', 'text', 'integer', 'text', 'double precision', 'bigint', 'jsonb', 'jsonb', 'jsonb'];
/** One array per column (jsonb ones sent as text arrays, cast per row): a batch in one statement. */
const insertBatch = `INSERT INTO request_records (${columns.join(', ')})
  SELECT ${columns.map((column, i) => (types[i] === 'jsonb' ? `${column}::jsonb` : column)).join(', ')}
  FROM unnest(${types.map((type, i) => `$${i + 1}::${type === 'jsonb' ? 'text' : type}[]`).join(', ')}) AS batch(${columns.join(', ')})`;

/**
 * Operational records in PostgreSQL, shared by every gateway replica (each primary writes its own batches; any may
 * read). A batch is one INSERT of arrays (`unnest`), one round trip whatever its size. Losing a batch while the
 * server is down is the documented degradation: these are supervision figures, not the audit trail.
 */
export function createPostgresRecordStore({ pool, ownsPool = true, pruneSlice = 5_000 }: PostgresRecordStoreOptions): RequestRecordStore & { readonly health: StoreHealth; migrate(): Promise<void> } {
  const health = createStoreHealth({ store: 'request-records', engine: 'postgres', whileDown: 'drop-batches' });
  let migrated: Promise<unknown> | undefined;
  const migrate = async () => {
    await (migrated ??= migratePostgres(pool, requestRecordsPostgresComponent, requestRecordsPostgresMigrations).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    }));
  };
  const query = <R extends object>(sql: string, values: unknown[] = []) =>
    health.track(async () => {
      await migrate();
      return pool.query<R>(sql, values);
    });
  const list = async (sql: string, values: unknown[]) => (await query<Row>(sql, values)).rows.map(recordOf);
  return {
    engine: 'postgres',
    health,
    migrate: () => health.track(migrate),
    async append(records) {
      if (records.length === 0) return;
      const rows = records.map(rowOf);
      await query(
        insertBatch,
        columns.map((_, i) => rows.map((row) => row[i])),
      );
    },
    async prune(beforeMs) {
      let deleted = 0;
      for (;;) {
        const { rowCount } = await query('DELETE FROM request_records WHERE id IN (SELECT id FROM request_records WHERE at_ms < $1 LIMIT $2)', [beforeMs, pruneSlice]);
        deleted += rowCount ?? 0;
        if ((rowCount ?? 0) < pruneSlice) return deleted;
      }
    },
    recent: ({ limit = 100, sinceMs = 0 } = {}) => list('SELECT * FROM request_records WHERE at_ms >= $1 ORDER BY at_ms DESC, id DESC LIMIT $2', [sinceMs, limit]),
    byTraceId: (traceId) => list('SELECT * FROM request_records WHERE trace_id = $1 ORDER BY id', [traceId]),
    async count() {
      const { rows } = await query<{ n: string }>('SELECT count(*) AS n FROM request_records');
      return Number(rows[0]?.n ?? 0);
    },
    async close() {
      if (ownsPool && !pool.ended) await pool.end();
    },
  };
}

/** One record as the arrays' i-th values, in `columns` order (lists as JSON text, cast to jsonb by the INSERT). */
function rowOf(record: RequestRecord): unknown[] {
  return [
    Date.parse(record.at),
    record.traceId,
    record.clientId,
    record.role,
    record.ministry ?? null,
    record.operationName,
    record.operationType,
    record.status,
    record.outcome,
    record.durationMs,
    record.responseBytes,
    JSON.stringify(record.errorCodes),
    JSON.stringify(record.subgraphs),
    JSON.stringify(record.legacyCalls),
  ];
}

function recordOf(row: Row): RequestRecord {
  return {
    at: new Date(Number(row.at_ms)).toISOString(),
    traceId: row.trace_id,
    clientId: row.client_id,
    role: row.role,
    ...(row.ministry !== null ? { ministry: row.ministry } : {}),
    operationName: row.operation_name,
    operationType: row.operation_type,
    status: row.status,
    outcome: row.outcome,
    durationMs: row.duration_ms,
    responseBytes: Number(row.response_bytes),
    errorCodes: row.error_codes,
    subgraphs: row.subgraphs,
    legacyCalls: row.legacy_calls,
  };
}
