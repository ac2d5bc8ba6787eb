import { TimeoutStrategy, bulkhead, isBrokenCircuitError, isBulkheadRejectedError, noop, timeout, wrap } from 'cockatiel';
import { currentDeadline } from '../../lib/deadline/index.js';
import { withSpan } from '../../lib/trace/index.js';
import { isAdapterError, type AdapterError } from './adapter-error.js';
import type { LegacySystem } from './legacy-system.js';
import { createReadRetry } from './resilience/create-read-retry.js';
import { createSystemCircuit } from './resilience/create-system-circuit.js';
import { isBackendFailure } from './resilience/is-backend-failure.js';
import { isTaskCancelled } from './resilience/is-task-cancelled.js';
import { attemptTimeoutError, circuitOpenError, deadlineError, overloadedError, requestDeadlineError, unexpectedError } from './resilience/policy-errors.js';
import { legacyCallEvents, type LegacyCallEvents } from './observation/index.js';
import { policyEvents, type CircuitStateName } from './resilience/policy-events.js';
import { resilienceDefaults, type ResilienceOptions } from './resilience/resilience-options.js';

export interface CallOptions {
  /** Legacy operation name, for errors, logs and metrics. */
  readonly operation: string;
  /** Safe to repeat (a read, or a write reconciled by external reference). Only these may ever be retried. */
  readonly idempotent: boolean;
}

/** What one system's policy can say about itself, for `/ready` and the supervision room. */
export interface PolicyHealth {
  readonly system: LegacySystem;
  readonly circuit: CircuitStateName;
  /** While the circuit is open: how long until a probe call is let through. */
  readonly retryAfterMs?: number;
  /** Absent when the bulkhead is off. */
  readonly bulkhead?: { readonly inFlight: number; readonly queued: number; readonly limit: number; readonly queue: number };
}

/**
 * The one hook every legacy call goes through, one per system: a deadline over the whole call, retries of safe
 * reads, a circuit breaker, a bulkhead and a timeout on each attempt (see createCallPolicy).
 */
export interface CallPolicy {
  readonly system: LegacySystem;
  execute<T>(call: (signal: AbortSignal) => Promise<T>, options: CallOptions): Promise<T>;
  /** The system's circuit. Optional so that a bare policy (a test double) still is one. */
  circuitState?(): CircuitStateName;
  health?(): PolicyHealth;
}

export interface CallPolicyOptions extends ResilienceOptions {
  readonly system: LegacySystem;
  /** Upper bound on one attempt, connection to last byte. */
  readonly timeoutMs: number;
  /** Where every call's duration and outcome is reported; default the process-wide `legacyCallEvents`. */
  readonly calls?: LegacyCallEvents;
}

/** Codes by which the system answered: a call ending with one of them went well as far as the system goes. */
const answeredCodes: ReadonlySet<string> = new Set(['NOT_FOUND', 'BAD_USER_INPUT', 'IDEMPOTENCY_CONFLICT']);

type Outcome<T> = { readonly value: T } | { readonly answer: AdapterError };

/** How long one call may take in all, and whether its request's deadline (rather than the system's own) set it. */
interface CallBound {
  readonly ms: number;
  readonly byRequest: boolean;
}

/**
 * Builds a system's policy. From the outside in, each concern one cockatiel policy:
 *
 * deadline (whole call) → retry (safe reads only, per call) → circuit breaker → bulkhead → timeout (one attempt)
 *
 * The breaker sits inside the retry so that every attempt counts and an opening circuit stops the retries; the
 * bulkhead inside the breaker so that an open circuit refuses at once instead of queueing; the attempt timeout
 * inside the bulkhead so that waiting for a slot does not eat an attempt's time (the deadline bounds that wait).
 * Everything that leaves is an AdapterError. Every option beyond `system` and `timeoutMs` has a default.
 *
 * The deadline is the shorter of the system's own and what is left of the request the call serves (`currentDeadline`,
 * propagated from the gateway's door): a call is never given more time than its request has, and a request with no
 * time left sends nothing. Read from the trace scope, which follows the request into its loaders, so that no adapter
 * method has to thread it through.
 */
export function createCallPolicy(options: CallPolicyOptions): CallPolicy {
  const { system, timeoutMs, events = policyEvents, calls = legacyCallEvents } = options;
  // A deadline shorter than one attempt would silently shorten the timeout the operator set.
  const deadlineMs = Math.max(options.deadlineMs ?? resilienceDefaults.deadlineMs, timeoutMs);
  const retryOptions = options.retry === false ? undefined : { ...resilienceDefaults.retry, ...options.retry };
  const circuit = createSystemCircuit(system, options.breaker ?? {}, events);
  const slotOptions = options.bulkhead === false ? undefined : { ...resilienceDefaults.bulkhead, ...options.bulkhead };
  const slots = slotOptions ? bulkhead(slotOptions.limit, slotOptions.queue) : undefined;
  const guard = wrap(circuit.policy, slots ?? noop);
  const attemptTimeout = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  const deadline = timeout(deadlineMs, TimeoutStrategy.Aggressive);

  const attempt = async <T>(call: (signal: AbortSignal) => Promise<T>, operation: string, signal: AbortSignal): Promise<T> => {
    const startedAt = Date.now();
    try {
      return await attemptTimeout.execute(({ signal: attemptSignal }) => call(attemptSignal), signal);
    } catch (error) {
      // The abort makes the call itself reject too (axios's ERR_CANCELED…), and that may win the race against
      // cockatiel's TaskCancelledError: the clock says which it was. A deadline abort is execute's to report.
      if (!signal.aborted && (isTaskCancelled(error) || Date.now() - startedAt >= timeoutMs)) {
        events.record({ kind: 'timeout', system, operation, scope: 'attempt' });
        throw attemptTimeoutError(system, operation, timeoutMs, error);
      }
      if (isAdapterError(error)) throw error;
      if (isTaskCancelled(error)) throw attemptTimeoutError(system, operation, timeoutMs, error);
      throw unexpectedError(system, operation, error);
    }
  };

  const guardedAttempt = async <T>(call: (signal: AbortSignal) => Promise<T>, operation: string, signal: AbortSignal, bound: CallBound): Promise<T> => {
    let outcome: Outcome<T>;
    try {
      outcome = await guard.execute(async ({ signal: slotSignal }): Promise<Outcome<T>> => {
        try {
          return { value: await attempt(call, operation, slotSignal) };
        } catch (error) {
          // The system answered (NOT_FOUND, BAD_USER_INPUT…): a success as far as its health goes.
          if (isAdapterError(error) && !isBackendFailure(error)) return { answer: error };
          throw error;
        }
      }, signal);
    } catch (error) {
      if (isBrokenCircuitError(error)) {
        events.record({ kind: 'rejection', system, operation, reason: 'circuit-open' });
        throw circuitOpenError(system, operation, circuit.retryAfterMs(), error);
      }
      if (isBulkheadRejectedError(error)) {
        events.record({ kind: 'rejection', system, operation, reason: 'bulkhead-full' });
        throw overloadedError(system, operation, error);
      }
      // Still queued for a slot when the deadline passed.
      if (isTaskCancelled(error)) throw boundError(bound, operation, error);
      throw error;
    }
    if ('answer' in outcome) throw outcome.answer;
    return outcome.value;
  };

  const execute = async <T>(call: (signal: AbortSignal) => Promise<T>, { operation, idempotent }: CallOptions): Promise<T> => {
    const requestLeftMs = currentDeadline()?.remainingMs() ?? Infinity;
    if (requestLeftMs <= 0) {
      events.record({ kind: 'timeout', system, operation, scope: 'request' });
      throw requestDeadlineError(system, operation, 0, undefined);
    }
    const bound: CallBound = requestLeftMs < deadlineMs ? { ms: Math.max(1, Math.floor(requestLeftMs)), byRequest: true } : { ms: deadlineMs, byRequest: false };
    const deadlineAt = Date.now() + bound.ms;
    let retrying: ReturnType<typeof createReadRetry> | typeof noop = noop;
    if (idempotent && retryOptions && retryOptions.maxAttempts > 1) {
      const readRetry = createReadRetry({ ...retryOptions, deadlineAt, circuitRetryAfterMs: circuit.retryAfterMs });
      readRetry.onRetry((event) => {
        const error = 'error' in event ? event.error : undefined;
        if (isAdapterError(error)) events.record({ kind: 'retry', system, operation, attempt: event.attempt, delayMs: event.delay, code: error.code });
      });
      retrying = readRetry;
    }
    const whole = bound.byRequest ? timeout(bound.ms, TimeoutStrategy.Aggressive) : deadline;
    try {
      return await wrap(whole, retrying).execute(({ signal }) => guardedAttempt(call, operation, signal, bound));
    } catch (error) {
      if (isTaskCancelled(error)) {
        events.record({ kind: 'timeout', system, operation, scope: bound.byRequest ? 'request' : 'deadline' });
        throw boundError(bound, operation, error);
      }
      if (isAdapterError(error)) throw error;
      throw unexpectedError(system, operation, error);
    }
  };

  const boundError = (bound: CallBound, operation: string, cause: unknown): AdapterError =>
    bound.byRequest ? requestDeadlineError(system, operation, bound.ms, cause) : deadlineError(system, operation, bound.ms, cause);

  return {
    system,
    // The one hook every legacy call passes: a client span (whose id the call's `traceparent` carries) and one
    // event with the call's duration and outcome, for metrics, health figures and the request's report.
    execute: (call, callOptions) =>
      withSpan(`${system} ${callOptions.operation}`, { kind: 'client', attributes: { 'guichet.system': system, 'guichet.operation': callOptions.operation } }, async () => {
        const startedAt = performance.now();
        try {
          const value = await execute(call, callOptions);
          calls.record({ system, operation: callOptions.operation, durationMs: performance.now() - startedAt, outcome: 'ok', at: Date.now() });
          return value;
        } catch (error) {
          const code = isAdapterError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
          calls.record({ system, operation: callOptions.operation, durationMs: performance.now() - startedAt, outcome: answeredCodes.has(code) ? 'ok' : 'error', code, at: Date.now() });
          throw error;
        }
      }),
    circuitState: () => circuit.state(),
    health() {
      const retryAfterMs = circuit.retryAfterMs();
      return {
        system,
        circuit: circuit.state(),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(slots && slotOptions
          ? { bulkhead: { inFlight: slotOptions.limit - slots.executionSlots, queued: slotOptions.queue - slots.queueSlots, limit: slotOptions.limit, queue: slotOptions.queue } }
          : {}),
      };
    },
  };
}
