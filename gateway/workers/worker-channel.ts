import type { GatewayAuditStore } from '../../audit/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { createBufferedSink, type RecordSink } from '../request-records/index.js';
import type { RateLimitStore } from '../rate-limit/index.js';
import { createBatchedSender } from './batched-sender.js';
import { isReplyMessage, type Call, type CallMessage, type WorkerCall, type WorkerCallResults } from './ipc-messages.js';

/** The primary did not answer in time (it is stuck or gone): the request fails rather than hang. */
export class PrimaryUnavailableError extends Error {
  constructor(method: string) {
    super(`the gateway's primary process did not answer ${method}`);
    this.name = 'PrimaryUnavailableError';
  }
}

export interface WorkerChannel {
  call<M extends WorkerCall['method']>(call: Extract<WorkerCall, { method: M }>): Promise<WorkerCallResults[M]>;
}

/** Calls to the primary over the cluster's IPC channel, matched to their replies by id, each with a deadline. */
export function createWorkerChannel(timeoutMs = 10_000): WorkerChannel {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('not a cluster worker: no IPC channel to the primary');
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  process.on('message', (message: unknown) => {
    if (!isReplyMessage(message)) return;
    for (const reply of message.replies) {
      const waiting = pending.get(reply.id);
      if (waiting === undefined) continue;
      pending.delete(reply.id);
      clearTimeout(waiting.timer);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.error ?? 'worker call failed'));
    }
  });
  const post = createBatchedSender<Call>((calls) => {
    const message: CallMessage = { kind: 'guichet.calls', calls };
    send(message, undefined, {}, (error: Error | null) => {
      if (error === null) return;
      // The channel is gone: every call of the batch fails now rather than at its deadline.
      for (const { id } of calls) {
        const waiting = pending.get(id);
        if (waiting === undefined) continue;
        pending.delete(id);
        clearTimeout(waiting.timer);
        waiting.reject(error);
      }
    });
  });
  return {
    call(call) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new PrimaryUnavailableError(call.method));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        post({ id, call });
      });
    },
  };
}

/** The audit trail as a worker sees it: every operation done by the primary, the chain's one writer. */
export function createPrimaryAuditStore(channel: WorkerChannel): GatewayAuditStore {
  return {
    open: () => channel.call({ method: 'audit.open' }),
    state: () => channel.call({ method: 'audit.state' }),
    append: (entries) => (entries.length === 0 ? Promise.resolve([]) : channel.call({ method: 'audit.append', entries })),
    listForNiu: (niu, options) => channel.call({ method: 'audit.listForNiu', niu, ...(options ? { options } : {}) }),
    verify: () => channel.call({ method: 'audit.verify' }),
    // The primary closes the file once every worker has stopped.
    close: () => Promise.resolve(),
  };
}

/** Rate-limit state kept by the primary, so that N workers do not grant N times the limit. */
export function createPrimaryRateLimitStore(channel: WorkerChannel): RateLimitStore {
  return { hit: (key, rule, nowMs) => channel.call({ method: 'rateLimit.hit', key, rule, nowMs }) };
}

/**
 * Operational records go to the primary, their one writer, in batches (one IPC call per batch, not per request);
 * a batch the primary could not take is dropped and counted, never retried on the response path.
 */
export function createPrimaryRecordSink(channel: WorkerChannel, metrics: GatewayMetrics, log: Logger): RecordSink {
  return createBufferedSink({
    write: (records) => channel.call({ method: 'records.append', records }),
    onError: (error, records) => log.error({ err: error, records }, 'operational records not written by the primary'),
    onDropped: (records) => metrics.recordsDropped(records),
  });
}
