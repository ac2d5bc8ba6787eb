import { FEED_OWNERS_HEADER, FEED_PROOF_HEADER, FEED_PROVEN_AT_HEADER, feedOwnersOf, feedProvenAtOf } from '../../lib/cache-proof/index.js';
import { ministryOfSubgraph, type LegacySystem } from '../../schema/index.js';
import { cacheHintOf, type CacheHint } from './cache-hint.js';
import type { Step, SubgraphAnswer } from './subgraph-call.js';

/** One subgraph answer of a query, as the gateway's private response cache judges the whole response. */
export interface ResponsePart extends CacheHint {
  readonly subgraph: string;
  /** The answer rests on the change feeds: the system whose feed reads prove it, and whose dossiers it holds. */
  readonly feed?: {
    readonly system: LegacySystem | undefined;
    readonly owners: readonly string[];
    /** Part of it was served from the subgraph's kept records, proven at this instant (see FeedProvenAnswer). */
    readonly provenAtMs?: number;
  };
}

// Keyed by the request's context object, like the audit ledger: only requests whose parts are wanted are tracked.
const partsByContext = new WeakMap<object, ResponsePart[]>();

/** From now on, note every subgraph answer of the request of `context` (see `responsePartsOf`). */
export function trackResponseParts(context: object): void {
  partsByContext.set(context, []);
}

/** The answers noted for the request of `context` so far; undefined when it is not tracked. */
export function responsePartsOf(context: object): readonly ResponsePart[] | undefined {
  return partsByContext.get(context);
}

/**
 * Notes what each subgraph answer allows (its `Cache-Control`, as left after a shared read) and what it rests on, for
 * a request whose whole response may be kept: the response is no more cacheable than its least cacheable part.
 */
export const noteResponsePart: Step<SubgraphAnswer> = async (call, next) => {
  const answer = await next();
  const parts = partsByContext.get(call.context);
  if (parts === undefined) return answer;
  const hint = cacheHintOf(answer.headers['cache-control']);
  const provenAtMs = feedProvenAtOf(answer.headers[FEED_PROVEN_AT_HEADER]);
  const feed =
    answer.headers[FEED_PROOF_HEADER] === undefined
      ? undefined
      : { system: ministryOfSubgraph(call.subgraph)?.system.code, owners: feedOwnersOf(answer.headers[FEED_OWNERS_HEADER]), ...(provenAtMs === undefined ? {} : { provenAtMs }) };
  parts.push({ subgraph: call.subgraph, ...hint, ...(feed ? { feed } : {}) });
  return answer;
};
