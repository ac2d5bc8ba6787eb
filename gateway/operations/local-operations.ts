import type { Logger } from '../../lib/log/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import type { OperationsConfig } from './operations-config.js';
import { createBufferedSink, type OperationSink } from './operation-sink.js';
import { openOperationsWriter, type OperationsWriter } from './operations-writer.js';

/** The records' writer of a process that owns the store (a single gateway, or the primary), or none when off. */
export function openConfiguredWriter(config: OperationsConfig, log: Logger, metrics: GatewayMetrics): OperationsWriter | undefined {
  if (config.path === undefined) return undefined;
  const writer = openOperationsWriter({ path: config.path, retentionMs: config.retentionMs, log, onWritten: (records, durationMs) => metrics.recordsWritten(records, durationMs) });
  log.info({ path: config.path, retentionHours: config.retentionMs / 3_600_000 }, 'operational records');
  return writer;
}

/** A sink writing into this process's own store (WORKERS=1), in batches off the response path. */
export function createLocalSink(writer: OperationsWriter | undefined, log: Logger, metrics: GatewayMetrics): OperationSink {
  if (writer === undefined) return { record: () => undefined, close: () => Promise.resolve() };
  return createBufferedSink({
    write: (records) => writer.append(records),
    onError: (error, records) => log.error({ err: error, records }, 'operational records not written'),
    onDropped: (records) => metrics.recordsDropped(records),
  });
}
