import type { Agent } from 'undici';
import type { InternalTokenSigner } from '../../auth/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { answerEntitiesWithNulls } from './answer-entities-with-nulls.js';
import { checkStatus } from './check-status.js';
import { compose } from './compose.js';
import { narrowCachePolicy } from './narrow-cache-policy.js';
import type { NullableFields } from './null-entities.js';
import { parseBody } from './parse-body.js';
import { postRequest } from './post-request.js';
import { propagateTrace } from './propagate-trace.js';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import { recordCall } from './record-call.js';
import { reportAccess } from './report-access.js';
import { requireQuery } from './require-query.js';
import { noteResponsePart } from './response-parts.js';
import { shareRead } from './share-read.js';
import type { SharedReads } from './shared-reads.js';
import { signInternalToken } from './sign-internal-token.js';
import { spendDeadline } from './spend-deadline.js';
import type { CallHandler, SubgraphAnswer, SubgraphResult } from './subgraph-call.js';
import { typeFailures } from './type-failures.js';

export interface SubgraphPipelineOptions {
  /** GraphQL endpoint of the subgraph. */
  readonly endpoint: URL;
  /** Its pool of keep-alive connections. */
  readonly agent: Agent;
  /** Largest response body accepted from the subgraph. */
  readonly maxResponseBytes: number;
  /** Taken off the time the subgraph is told it has, so that its answer is back before the gateway stops waiting. */
  readonly deadlineMarginMs: number;
  /** Signs the internal token that tells the subgraph who is calling (and that the gateway sent the request). */
  readonly signer: InternalTokenSigner;
  /** De-duplication and cache of reads, shared by every subgraph of this gateway. */
  readonly sharedReads: SharedReads;
  /** Nullable fields per entity type, for answering a failed entity fetch with nulls. */
  readonly nullable: NullableFields;
  readonly metrics: GatewayMetrics;
  readonly log: Logger;
}

/**
 * Every call of a subgraph, step by step, in the order the steps run: each does its part on the way out, before the
 * steps below it, and sees their answer on the way back, after them. Three levels, by what comes back: the result the
 * gateway gets; the subgraph's answer (its parsed body and headers); the response on the wire (status, headers, bytes).
 */
export function createSubgraphPipeline(options: SubgraphPipelineOptions): CallHandler<SubgraphResult> {
  return compose<SubgraphResult>(
    [
      // Timed into the request's record and the metrics, in a client span; the legacy calls it caused noted.
      recordCall(options.metrics),
      // A failed entity fetch is answered with nulls and the error: the rest of the plan still runs.
      answerEntitiesWithNulls(options.nullable),
      // Any failure becomes a SubgraphCallError naming the subgraph, and is logged.
      typeFailures(options.log),
      // No query, nothing to send.
      requireQuery,
    ],
    resultOf(
      compose<SubgraphAnswer>(
        [
          // The subgraph's Cache-Control narrows what the client response may be cached for.
          narrowCachePolicy,
          // …and, with what the answer rests on, whether the gateway may keep the whole response for this caller.
          noteResponsePart,
          // Its report of the personal data it touched goes to the request's audit ledger.
          reportAccess,
        ],
        // The body must be a JSON object.
        parseBody(
          compose<RawSubgraphResponse>(
            [
              // A non-2xx answer is a typed failure.
              checkStatus,
              // The request's time left, shared out along its plan: the call's share, told to the subgraph.
              spendDeadline(options.deadlineMarginMs),
              // Who is calling, in the internal token.
              signInternalToken(options.signer),
              // A query joins an identical one in flight, or is answered from the cache, or goes on.
              shareRead(options.sharedReads),
              // The traceparent of the call that goes out.
              propagateTrace,
            ],
            // One POST over the subgraph's pool, read whole.
            postRequest(options),
          ),
        ),
      ),
    ),
  );
}

/** The subgraph's answer, as the gateway takes it: its GraphQL response. */
function resultOf(answer: CallHandler<SubgraphAnswer>): CallHandler<SubgraphResult> {
  return async (call) => (await answer(call)).response;
}
