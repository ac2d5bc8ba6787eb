import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import type { SharedReads } from './shared-reads.js';
import type { Step } from './subgraph-call.js';
import { withinMs } from './within-ms.js';

/**
 * Reads shared between requests (see `createSharedReads`): a query's call joins an identical one in flight, or is
 * answered from the cache, or goes on. A mutation's calls (its own, and the entity fetches of its result) always go
 * on, and then drop the caller's private answers (scaled mode): whatever its outcome — a mutation that failed or timed
 * out may still have changed what they say — and before the client has its answer, so that its next read, on any
 * replica, is not answered from before.
 */
export function shareRead(sharedReads: SharedReads): Step<RawSubgraphResponse> {
  return async (call, next) => {
    const callerKey = JSON.stringify(call.context.principal);
    if (call.incoming.operation?.operation === 'mutation') {
      try {
        return await next();
      } finally {
        await sharedReads.dropCaller(callerKey);
      }
    }
    if (call.incoming.operation?.operation !== 'query') return next();
    // A read joined to another request's keeps to this request's own time.
    return withinMs(sharedReads.read({ subgraph: call.subgraph, callerKey, body: call.body }, next), call.timeoutMs);
  };
}
