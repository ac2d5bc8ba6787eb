import { AsyncLocalStorage } from 'node:async_hooks';
import type { Deadline } from '../deadline/deadline.js';

/** Where the code running now sits in a trace: the trace, and the span that is its parent for anything it starts. */
export interface TraceScope {
  readonly traceId: string;
  readonly spanId: string;
  /**
   * The request being served, as an object its observers key on (a subgraph's collector of legacy calls), inherited
   * by the spans started under it. One AsyncLocalStorage carries it all: each instance costs every promise again.
   */
  readonly request?: object;
  /** The request's deadline (see `lib/deadline`): every legacy call made for it is bounded by what is left of it. */
  readonly deadline?: Deadline;
}

const storage = new AsyncLocalStorage<TraceScope>();

/** The trace of the request being served, if any (log lines, outgoing `traceparent`, child spans read it). */
export function currentTrace(): TraceScope | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it schedules) inside `scope`. */
export function runInTrace<T>(scope: TraceScope, fn: () => T): T {
  return storage.run(scope, fn);
}
