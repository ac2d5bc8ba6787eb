import type { Logger } from '../../lib/log/index.js';
import type { RequestRecord } from './request-record.js';
import { createSqliteRecordStore, type RecordStore } from './sqlite-record-store.js';

export interface RecordWriterOptions {
  readonly path: string;
  readonly retentionMs: number;
  readonly log: Logger;
  /** How often records past retention are deleted. Default 5 minutes (and once at start). */
  readonly pruneEveryMs?: number;
  /** Told of each batch written: how many records, how long it took. */
  readonly onWritten?: (records: number, durationMs: number) => void;
  readonly now?: () => number;
}

export interface RecordWriter {
  readonly store: RecordStore;
  /** One transaction per batch; throws if the store does (the sink reports and drops the batch). */
  append(records: readonly RequestRecord[]): void;
  close(): void;
}

/** The one writer of the operational records (the gateway, or its primary process), keeping only `retentionMs`. */
export function openRecordWriter({ path, retentionMs, log, pruneEveryMs = 300_000, onWritten = () => undefined, now = Date.now }: RecordWriterOptions): RecordWriter {
  const store = createSqliteRecordStore(path);
  const prune = () => {
    try {
      const deleted = store.prune(now() - retentionMs);
      if (deleted > 0) log.info({ deleted }, 'operational records past retention deleted');
    } catch (error) {
      log.error({ err: error }, 'pruning operational records failed');
    }
  };
  prune();
  const timer = setInterval(prune, pruneEveryMs);
  timer.unref();
  return {
    store,
    append(records) {
      if (records.length === 0) return;
      const startedAt = performance.now();
      store.append(records);
      onWritten(records.length, performance.now() - startedAt);
    },
    close() {
      clearInterval(timer);
      store.close();
    },
  };
}
