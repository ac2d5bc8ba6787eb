import type { Logger } from '../../lib/log/index.js';
import { createPgPool } from '../../lib/postgres/index.js';
import type { StoreHealth } from '../../lib/store-health/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { createPostgresRecordStore } from './postgres/index.js';
import type { RequestRecordsConfig } from './request-records-config.js';
import { createBufferedSink, type RecordSink } from './record-sink.js';
import { openRecordWriter, type RecordWriter } from './record-writer.js';
import { createSqliteRequestRecordStore } from './sqlite-record-store.js';

/** The records' writer of a process that owns the store (a single gateway, or the primary), or none when off. */
export function openConfiguredRecordWriter(config: RequestRecordsConfig, log: Logger, metrics: GatewayMetrics): (RecordWriter & { readonly health?: StoreHealth }) | undefined {
  if (config.path === undefined) return undefined;
  const options = { retentionMs: config.retentionMs, pruneEveryMs: config.pruneEveryMs, log, onWritten: (records: number, durationMs: number) => metrics.recordsWritten(records, durationMs) };
  if (config.databaseUrl !== undefined) {
    // A small pool of its own: batches are few and large, and must never queue behind the audit trail's appends.
    const pool = createPgPool({ url: config.databaseUrl, applicationName: 'guichet-gateway-records', max: 2, onError: (error) => log.warn({ err: error }, 'idle PostgreSQL connection lost') });
    const store = createPostgresRecordStore({ pool });
    // Migrated at start-up, not at the first batch: an operator sees the tables (and a broken DATABASE_URL) at once.
    // Not awaited: records are supervision figures, and a database down at start must not keep the gateway down.
    store.migrate().catch((error: unknown) => log.warn({ err: error }, 'operational records: PostgreSQL migration failed at start; retried at the next batch'));
    log.info({ store: 'postgres', retentionHours: config.retentionMs / 3_600_000 }, 'operational records');
    return { ...openRecordWriter({ ...options, store }), health: store.health };
  }
  const writer = openRecordWriter({ ...options, store: createSqliteRequestRecordStore(config.path) });
  log.info({ path: config.path, retentionHours: config.retentionMs / 3_600_000 }, 'operational records');
  return writer;
}

/** A sink writing into this process's own store (WORKERS=1), in batches off the response path. */
export function createLocalRecordSink(writer: RecordWriter | undefined, log: Logger, metrics: GatewayMetrics): RecordSink {
  if (writer === undefined) return { record: () => undefined, close: () => Promise.resolve() };
  return createBufferedSink({
    write: (records) => writer.append(records),
    onError: (error, records) => log.error({ err: error, records }, 'operational records not written'),
    onDropped: (records) => metrics.recordsDropped(records),
  });
}
