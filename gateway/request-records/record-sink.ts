import type { RequestRecord } from './request-record.js';

/** Where records go: `record` only enqueues (never blocks or throws on the response path). */
export interface RecordSink {
  record(record: RequestRecord): void;
  /** Writes what is queued; call on shutdown. */
  close(): Promise<void>;
}

export interface BufferedSinkOptions {
  /** Writes one batch (a transaction, or one IPC call to the primary). */
  readonly write: (batch: readonly RequestRecord[]) => void | Promise<unknown>;
  /** Largest batch. Default 500. */
  readonly maxBatch?: number;
  /** How long a record waits for its batch at most. Default 250 ms. */
  readonly flushIntervalMs?: number;
  /** Records queued at most; beyond, the oldest are dropped (and counted). Default 20000. */
  readonly maxQueued?: number;
  readonly onError: (error: unknown, records: number) => void;
  /** Records dropped because the queue was full or a write failed. */
  readonly onDropped?: (records: number) => void;
}

/**
 * Queues records and writes them in batches, off the response path: on a timer, or at once when a batch is full.
 * A failed write loses its batch (reported): operational records are for supervision, not an audit trail.
 */
export function createBufferedSink({ write, maxBatch = 500, flushIntervalMs = 250, maxQueued = 20_000, onError, onDropped = () => undefined }: BufferedSinkOptions): RecordSink {
  let queue: RequestRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      writing = writing.then(async () => {
        try {
          await write(batch);
        } catch (error) {
          onError(error, batch.length);
          onDropped(batch.length);
        }
      });
    }
    return writing;
  };

  return {
    record(record) {
      queue.push(record);
      if (queue.length > maxQueued) {
        const dropped = queue.length - maxQueued;
        queue = queue.slice(dropped);
        onDropped(dropped);
      }
      if (queue.length >= maxBatch) void flush();
      else if (timer === undefined) {
        timer = setTimeout(() => void flush(), flushIntervalMs);
        timer.unref();
      }
    },
    close: flush,
  };
}
