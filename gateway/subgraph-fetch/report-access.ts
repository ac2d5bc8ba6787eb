import { collectAccess } from '../../audit/index.js';
import type { Step, SubgraphAnswer } from './subgraph-call.js';

/** The subgraph's report of the personal data it touched goes to the request's audit ledger, out of the response. */
export const reportAccess: Step<SubgraphAnswer> = async (call, next) => {
  const answer = await next();
  return { ...answer, response: collectAccess(call.context, answer.response, call.subgraph) };
};
