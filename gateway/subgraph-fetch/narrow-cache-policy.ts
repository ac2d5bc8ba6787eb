import { FEED_PROOF_HEADER } from '../../lib/cache-proof/index.js';
import { cacheHintOf } from './cache-hint.js';
import type { Step, SubgraphAnswer } from './subgraph-call.js';

/**
 * What the subgraph's cache hints (`Cache-Control`) allow narrows what the whole client response may be cached for.
 * An answer resting on the change feeds is kept by the gateway only while they prove it: no one downstream can check
 * that, so for them it is `no-store`.
 */
export const narrowCachePolicy: Step<SubgraphAnswer> = async (call, next) => {
  const answer = await next();
  const hint = cacheHintOf(answer.headers['cache-control']);
  const policy = call.incoming.overallCachePolicy;
  const maxAge = answer.headers[FEED_PROOF_HEADER] === undefined ? hint.maxAgeSeconds : 0;
  if ('restrict' in policy) policy.restrict({ maxAge, scope: hint.scope });
  return answer;
};
