import type { Logger } from '../../lib/log/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import type { RequestRecordsConfig } from './request-records-config.js';
import { createBufferedSink, type RecordSink } from './record-sink.js';
import { openRecordWriter, type RecordWriter } from './record-writer.js';

/** The records' writer of a process that owns the store (a single gateway, or the primary), or none when off. */
export function openConfiguredRecordWriter(config: RequestRecordsConfig, log: Logger, metrics: GatewayMetrics): RecordWriter | undefined {
  if (config.path === undefined) return undefined;
  const writer = openRecordWriter({ path: config.path, retentionMs: config.retentionMs, log, onWritten: (records, durationMs) => metrics.recordsWritten(records, durationMs) });
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
