import type { Logger } from '../../lib/log/index.js';
import type { RequestRecord } from './request-record.js';
import type { RequestRecordStore } from './request-record-store.js';

export interface RecordWriterOptions {
  /** SQLite (`createSqliteRequestRecordStore`) or PostgreSQL (`createPostgresRecordStore`). */
  readonly store: RequestRecordStore;
  readonly retentionMs: number;
  readonly log: Logger;
  /** How often records past retention are deleted. Default 5 minutes (and once at start). */
  readonly pruneEveryMs?: number;
  /** Told of each batch written: how many records, how long it took. */
  readonly onWritten?: (records: number, durationMs: number) => void;
  readonly now?: () => number;
}

export interface RecordWriter {
  readonly store: RequestRecordStore;
  /** One transaction per batch; rejects if the store does (the sink reports and drops the batch). */
  append(records: readonly RequestRecord[]): Promise<void>;
  /** Resolves once the first pruning is done (tests, start-up logs). */
  readonly pruned: Promise<void>;
  close(): Promise<void>;
}

/**
 * The writer of the operational records of one process (the gateway, or its primary), keeping only `retentionMs`.
 * On PostgreSQL every replica prunes the shared table: deleting what is past retention twice deletes nothing more.
 */
export function openRecordWriter({ store, retentionMs, log, pruneEveryMs = 300_000, onWritten = () => undefined, now = Date.now }: RecordWriterOptions): RecordWriter {
  const prune = async () => {
    try {
      const deleted = await store.prune(now() - retentionMs);
      if (deleted > 0) log.info({ deleted }, 'operational records past retention deleted');
    } catch (error) {
      log.error({ err: error }, 'pruning operational records failed');
    }
  };
  let pruning = prune();
  const pruned = pruning;
  const timer = setInterval(() => {
    pruning = pruning.then(prune);
  }, pruneEveryMs);
  timer.unref();
  return {
    store,
    pruned,
    async append(records) {
      if (records.length === 0) return;
      const startedAt = performance.now();
      await store.append(records);
      onWritten(records.length, performance.now() - startedAt);
    },
    async close() {
      clearInterval(timer);
      await pruning;
      await store.close();
    },
  };
}
