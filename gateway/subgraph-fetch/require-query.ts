import type { Step, SubgraphResult } from './subgraph-call.js';

/** A request without a query has nothing to send: it fails (as BACKEND_UNAVAILABLE, once typed). */
export const requireQuery: Step<SubgraphResult> = async (call, next) => {
  if (!call.request.query) throw new Error('subgraph request without a query');
  return next();
};
