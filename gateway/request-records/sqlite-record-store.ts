import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { RequestRecord } from './request-record.js';
import type { RequestRecordStore } from './request-record-store.js';

/** The SQLite store's own synchronous face (readers in the same process, tests). */
export interface RecordStore {
  /** Writes a batch in one transaction. */
  append(records: readonly RequestRecord[]): void;
  /** Deletes records older than `beforeMs` (epoch); returns how many. */
  prune(beforeMs: number): number;
  /** Most recent first. */
  recent(options?: { readonly limit?: number; readonly sinceMs?: number }): RequestRecord[];
  byTraceId(traceId: string): RequestRecord[];
  count(): number;
  close(): void;
}

interface Row {
  readonly at_ms: number;
  readonly trace_id: string;
  readonly client_id: string;
  readonly role: string;
  readonly ministry: string | null;
  readonly operation_name: string | null;
  readonly operation_type: string | null;
  readonly status: number;
  readonly outcome: RequestRecord['outcome'];
  readonly duration_ms: number;
  readonly response_bytes: number;
  readonly error_codes: string;
  readonly subgraphs: string;
  readonly legacy_calls: string;
}

const schema = `
CREATE TABLE IF NOT EXISTS operations (
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  trace_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  role TEXT NOT NULL,
  ministry TEXT,
  operation_name TEXT,
  operation_type TEXT,
  status INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  duration_ms REAL NOT NULL,
  response_bytes INTEGER NOT NULL,
  error_codes TEXT NOT NULL,
  subgraphs TEXT NOT NULL,
  legacy_calls TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS operations_at ON operations (at_ms);
CREATE INDEX IF NOT EXISTS operations_trace ON operations (trace_id);
`;

/**
 * Operational records in the embedded SQLite store: WAL, `synchronous = NORMAL` (a crash may lose the last batch;
 * these are supervision figures, the audit trail is elsewhere), one writer (the gateway, or its primary process).
 * Lists are kept as JSON columns: records are read whole, by time or by trace.
 */
export function createSqliteRecordStore(path: string): RecordStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);
  const insert = db.prepare(
    `INSERT INTO operations (at_ms, trace_id, client_id, role, ministry, operation_name, operation_type, status, outcome, duration_ms, response_bytes, error_codes, subgraphs, legacy_calls)
     VALUES (@at_ms, @trace_id, @client_id, @role, @ministry, @operation_name, @operation_type, @status, @outcome, @duration_ms, @response_bytes, @error_codes, @subgraphs, @legacy_calls)`,
  );
  const appendAll = db.transaction((records: readonly RequestRecord[]) => {
    for (const record of records) insert.run(rowOf(record));
  });
  // In slices, so that a long-unpruned store does not hold the write lock for seconds.
  const pruneSlice = db.prepare('DELETE FROM operations WHERE id IN (SELECT id FROM operations WHERE at_ms < ? LIMIT 5000)');
  const recentSince = db.prepare<[number, number], Row>('SELECT * FROM operations WHERE at_ms >= ? ORDER BY at_ms DESC, id DESC LIMIT ?');
  const ofTrace = db.prepare<[string], Row>('SELECT * FROM operations WHERE trace_id = ? ORDER BY id');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM operations');
  return {
    append: (records) => appendAll(records),
    prune(beforeMs) {
      let deleted = 0;
      for (;;) {
        const { changes } = pruneSlice.run(beforeMs);
        deleted += changes;
        if (changes < 5000) return deleted;
      }
    },
    recent: ({ limit = 100, sinceMs = 0 } = {}) => recentSince.all(sinceMs, limit).map(recordOf),
    byTraceId: (traceId) => ofTrace.all(traceId).map(recordOf),
    count: () => countAll.get()?.n ?? 0,
    close: () => db.close(),
  };
}

/** The SQLite store behind the interface both engines share (the writer's view). */
export function createSqliteRequestRecordStore(path: string): RequestRecordStore {
  const store = createSqliteRecordStore(path);
  return {
    engine: 'sqlite',
    append: async (records) => store.append(records),
    prune: async (beforeMs) => store.prune(beforeMs),
    recent: async (options) => store.recent(options),
    byTraceId: async (traceId) => store.byTraceId(traceId),
    count: async () => store.count(),
    close: async () => store.close(),
  };
}

function rowOf(record: RequestRecord): Row {
  return {
    at_ms: Date.parse(record.at),
    trace_id: record.traceId,
    client_id: record.clientId,
    role: record.role,
    ministry: record.ministry ?? null,
    operation_name: record.operationName,
    operation_type: record.operationType,
    status: record.status,
    outcome: record.outcome,
    duration_ms: record.durationMs,
    response_bytes: record.responseBytes,
    error_codes: JSON.stringify(record.errorCodes),
    subgraphs: JSON.stringify(record.subgraphs),
    legacy_calls: JSON.stringify(record.legacyCalls),
  };
}

function recordOf(row: Row): RequestRecord {
  return {
    at: new Date(row.at_ms).toISOString(),
    traceId: row.trace_id,
    clientId: row.client_id,
    role: row.role,
    ...(row.ministry !== null ? { ministry: row.ministry } : {}),
    operationName: row.operation_name,
    operationType: row.operation_type,
    status: row.status,
    outcome: row.outcome,
    durationMs: row.duration_ms,
    responseBytes: row.response_bytes,
    errorCodes: JSON.parse(row.error_codes) as string[],
    subgraphs: JSON.parse(row.subgraphs) as RequestRecord['subgraphs'],
    legacyCalls: JSON.parse(row.legacy_calls) as RequestRecord['legacyCalls'],
  };
}
