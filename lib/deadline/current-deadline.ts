import { currentTrace, newSpanId, newTraceId, runInTrace } from '../trace/index.js';
import type { Deadline } from './deadline.js';

/**
 * The deadline of the request being served, carried in the trace scope that already follows a subgraph request into
 * its loaders and legacy calls (one AsyncLocalStorage: a second would cost every promise of the process again).
 * Undefined outside a request, or where none was set.
 */
export function currentDeadline(): Deadline | undefined {
  return currentTrace()?.deadline;
}

/** Runs `fn` (and everything it schedules) with `deadline` as the request's, in the current trace (or a fresh one). */
export function runWithDeadline<T>(deadline: Deadline, fn: () => T): T {
  const scope = currentTrace() ?? { traceId: newTraceId(), spanId: newSpanId() };
  return runInTrace({ ...scope, deadline }, fn);
}
