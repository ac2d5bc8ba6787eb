import type { CallHandler, Step } from './subgraph-call.js';

/** `steps` around `last`, the first outermost: each runs before the ones after it, and sees their answer after them. */
export function compose<R>(steps: readonly Step<R>[], last: CallHandler<R>): CallHandler<R> {
  return steps.reduceRight<CallHandler<R>>((next, step) => (call) => step(call, () => next(call)), last);
}
