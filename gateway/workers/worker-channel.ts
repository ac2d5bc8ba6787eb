import type { AuditStore, ChainTip } from '../../audit/index.js';
import type { RateLimitStore } from '../rate-limit/index.js';
import { isReplyMessage, type CallMessage, type WorkerCall, type WorkerCallResults } from './ipc-messages.js';

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
    const waiting = pending.get(message.id);
    if (waiting === undefined) return;
    pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new Error(message.error ?? 'worker call failed'));
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
        const message: CallMessage = { kind: 'guichet.call', id, call };
        send(message, undefined, {}, (error: Error | null) => {
          if (error === null) return;
          pending.delete(id);
          clearTimeout(timer);
          reject(error);
        });
      });
    },
  };
}

/** The audit trail as a worker sees it: every operation done by the primary, the chain's one writer. */
export function createPrimaryAuditStore(channel: WorkerChannel): AuditStore & { open(): Promise<ChainTip> } {
  return {
    open: () => channel.call({ method: 'audit.open' }),
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
