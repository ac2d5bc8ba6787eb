import type { Logger } from '../../lib/log/index.js';
import { ErrorCode } from '../../schema/index.js';
import { SubgraphResponseTooLargeError } from './send-subgraph-request.js';
import { SubgraphCallError, subgraphTransportError } from './subgraph-call-error.js';
import type { Step, SubgraphResult } from './subgraph-call.js';

/** Any failure of the call becomes a `SubgraphCallError` naming the subgraph, never its URL, and is logged once. */
export function typeFailures(log: Logger): Step<SubgraphResult> {
  return async (call, next) => {
    try {
      return await next();
    } catch (error) {
      const typed =
        error instanceof SubgraphCallError
          ? error
          : error instanceof SubgraphResponseTooLargeError
            ? new SubgraphCallError(call.subgraph, ErrorCode.BAD_BACKEND_RESPONSE, error.message)
            : subgraphTransportError(call.subgraph, error);
      // The trace id said explicitly: the gateway runs requests in a trace scope only while spans are exported.
      log.warn({ subgraph: call.subgraph, code: typed.code, detail: typed.detail, traceId: call.context.traceId }, 'subgraph call failed');
      throw typed;
    }
  };
}
