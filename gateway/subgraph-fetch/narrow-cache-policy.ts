import { cacheHintOf } from './cache-hint.js';
import type { Step, SubgraphAnswer } from './subgraph-call.js';

/** What the subgraph's cache hints (`Cache-Control`) allow narrows what the whole client response may be cached for. */
export const narrowCachePolicy: Step<SubgraphAnswer> = async (call, next) => {
  const answer = await next();
  const hint = cacheHintOf(answer.headers['cache-control']);
  const policy = call.incoming.overallCachePolicy;
  if ('restrict' in policy) policy.restrict({ maxAge: hint.maxAgeSeconds, scope: hint.scope });
  return answer;
};
