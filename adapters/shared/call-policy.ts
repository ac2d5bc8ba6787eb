import { TaskCancelledError, TimeoutStrategy, timeout } from 'cockatiel';
import { AdapterError, isAdapterError } from './adapter-error.js';
import type { LegacySystem } from './legacy-system.js';

export interface CallOptions {
  /** Legacy operation name, for errors, logs and metrics. */
  readonly operation: string;
  /** Safe to repeat (a read, or a write reconciled by external reference). Only these may ever be retried. */
  readonly idempotent: boolean;
}

/**
 * The one hook every legacy call goes through. Today: a timeout that aborts the call. Retries, circuit breaking
 * and bulkheads plug in here, per system, without touching the adapters.
 */
export interface CallPolicy {
  readonly system: LegacySystem;
  execute<T>(call: (signal: AbortSignal) => Promise<T>, options: CallOptions): Promise<T>;
}

export interface CallPolicyOptions {
  readonly system: LegacySystem;
  /** Upper bound on one legacy call, connection to last byte. */
  readonly timeoutMs: number;
}

export function createCallPolicy({ system, timeoutMs }: CallPolicyOptions): CallPolicy {
  const timeoutPolicy = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  return {
    system,
    async execute(call, { operation }) {
      try {
        return await timeoutPolicy.execute(({ signal }) => call(signal));
      } catch (error) {
        if (isAdapterError(error)) throw error;
        if (error instanceof TaskCancelledError) {
          throw new AdapterError({ code: 'BACKEND_TIMEOUT', system, operation, retryable: true, message: `no answer within ${timeoutMs} ms`, cause: error });
        }
        throw new AdapterError({ code: 'BACKEND_ERROR', system, operation, retryable: false, message: error instanceof Error ? error.message : String(error), cause: error });
      }
    },
  };
}
