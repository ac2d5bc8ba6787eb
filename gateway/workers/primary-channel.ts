import type { Worker } from 'node:cluster';
import type { GatewayAuditStore } from '../../audit/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RecordWriter } from '../request-records/index.js';
import type { RateLimitStore } from '../rate-limit/index.js';
import { createBatchedSender } from './batched-sender.js';
import { isCallMessage, type Reply, type ReplyMessage, type WorkerCall } from './ipc-messages.js';

export interface PrimaryState {
  /** The one writer of the audit chain (and its one checkpointer): workers append through it, so the chain never forks. */
  readonly auditStore: GatewayAuditStore;
  /** One view of every caller's rate, whichever worker their requests land on. */
  readonly rateLimitStore: RateLimitStore;
  /** The one writer of the operational records; undefined when they are off. */
  readonly records: RecordWriter | undefined;
  /** The whole gateway's metrics: asks every worker, adds the primary's own. */
  readonly clusterMetrics: () => Promise<string>;
}

/** Serves the workers' calls on the state the primary owns. */
export function servePrimaryCalls(worker: Worker, state: PrimaryState, log: Logger): void {
  const reply = createBatchedSender<Reply>((replies) => {
    const message: ReplyMessage = { kind: 'guichet.replies', replies };
    // A worker that died meanwhile has nobody waiting for the answers.
    if (worker.isConnected()) worker.send(message);
  });
  worker.on('message', (message: unknown) => {
    if (!isCallMessage(message)) return;
    for (const { id, call } of message.calls) {
      answer(call, state).then(
        (result) => reply({ id, ok: true, result }),
        (error: unknown) => {
          log.error({ err: error, method: call.method }, 'worker call failed');
          reply({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
        },
      );
    }
  });
}

function answer(call: WorkerCall, { auditStore, rateLimitStore, records, clusterMetrics }: PrimaryState): Promise<unknown> {
  switch (call.method) {
    case 'audit.open':
      return auditStore.open();
    case 'audit.append':
      return auditStore.append(call.entries);
    case 'audit.listForNiu':
      return auditStore.listForNiu(call.niu, call.options);
    case 'audit.verify':
      return auditStore.verify();
    case 'audit.state':
      return auditStore.state();
    case 'rateLimit.hit':
      return rateLimitStore.hit(call.key, call.rule, call.nowMs);
    case 'records.append':
      return records === undefined ? Promise.resolve(null) : records.append(call.records).then(() => null);
    case 'metrics.cluster':
      return clusterMetrics();
  }
}
