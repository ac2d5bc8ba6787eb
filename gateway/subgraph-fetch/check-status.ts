import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import { subgraphStatusError } from './subgraph-call-error.js';
import type { Step } from './subgraph-call.js';

/** A non-2xx HTTP answer is a typed failure, whatever its body. */
export const checkStatus: Step<RawSubgraphResponse> = async (call, next) => {
  const raw = await next();
  if (raw.status < 200 || raw.status >= 300) throw subgraphStatusError(call.subgraph, raw.status, '');
  return raw;
};
