import { DEADLINE_HEADER } from '../../lib/deadline/index.js';
import { ErrorCode } from '../../schema/index.js';
import { deadlineOf, fetchBudget, planStagesOf, stagesAfter } from '../deadline/index.js';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import { SubgraphCallError } from './subgraph-call-error.js';
import type { Step } from './subgraph-call.js';

/**
 * The request's deadline, shared with the stages of its plan that come after this fetch: the call's time is cut to
 * its share, and the subgraph is told what it may spend (`marginMs` less, so that its partial answer is back in
 * time). No time left: nothing is sent (BACKEND_TIMEOUT).
 */
export function spendDeadline(marginMs: number): Step<RawSubgraphResponse> {
  return async (call, next) => {
    const deadline = deadlineOf(call.context);
    if (deadline !== undefined) {
      const budget = fetchBudget({
        remainingMs: deadline.remainingMs(),
        totalMs: deadline.totalMs,
        stagesAfter: stagesAfter(planStagesOf(call.context), call.subgraph, call.request.query ?? ''),
        subgraphTimeoutMs: call.timeoutMs,
        marginMs,
      });
      if (budget === undefined) throw new SubgraphCallError(call.subgraph, ErrorCode.BACKEND_TIMEOUT, 'request deadline passed before the fetch; not sent');
      call.timeoutMs = budget.timeoutMs;
      call.headers[DEADLINE_HEADER] = String(budget.subgraphDeadlineMs);
    }
    return next();
  };
}
