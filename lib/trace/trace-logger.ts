import type { Logger } from '../log/index.js';
import { currentTrace } from './trace-scope.js';

/**
 * A child of `log` whose every line written while serving a request carries that request's `traceId` (from the
 * current trace scope), including the lines of its own children: the one key that joins the gateway's, the
 * subgraphs' and the adapters' lines of one request. A line that already names a trace keeps its own.
 */
export function withTraceIds(log: Logger): Logger {
  return log.child(
    {},
    {
      formatters: {
        log(object: object) {
          const scope = currentTrace();
          return scope === undefined || 'traceId' in object ? object : { ...object, traceId: scope.traceId };
        },
      },
    },
  );
}
