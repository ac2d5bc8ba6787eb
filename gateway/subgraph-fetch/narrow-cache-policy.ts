import { CACHE_BOUND_HEADER, FEED_PROOF_HEADER } from '../../lib/cache-proof/index.js';
import { cacheHintOf } from './cache-hint.js';
import type { Step, SubgraphAnswer } from './subgraph-call.js';

/**
 * What the subgraph's cache hints (`Cache-Control`) allow narrows what the whole client response may be cached for.
 * An answer resting on the change feeds is kept by the gateway only while they prove it, and one bound to its request
 * only within a whole response: no one downstream can check either, so for them it is `no-store`.
 */
export const narrowCachePolicy: Step<SubgraphAnswer> = async (call, next) => {
  const answer = await next();
  const hint = cacheHintOf(answer.headers['cache-control']);
  const policy = call.incoming.overallCachePolicy;
  const onlyHere = answer.headers[FEED_PROOF_HEADER] !== undefined || answer.headers[CACHE_BOUND_HEADER] !== undefined;
  const maxAge = onlyHere ? 0 : hint.maxAgeSeconds;
  if ('restrict' in policy) policy.restrict({ maxAge, scope: hint.scope });
  return answer;
};
