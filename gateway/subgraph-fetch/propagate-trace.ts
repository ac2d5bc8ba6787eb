import { traceparentFor } from '../../lib/trace/index.js';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import type { Step } from './subgraph-call.js';

/**
 * The `traceparent` of a call actually sent, named as it goes out (in the fetch's span when spans are exported): a
 * read answered by another request's call names none, which is how its record tells the two apart.
 */
export const propagateTrace: Step<RawSubgraphResponse> = async (call, next) => {
  call.headers.traceparent = traceparentFor(call.context.traceId);
  return next();
};
