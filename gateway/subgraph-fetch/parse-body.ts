import type { SubgraphResponse } from '../../audit/index.js';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import type { CallHandler, SubgraphAnswer } from './subgraph-call.js';

/** The wire response read as the subgraph's answer: its body must be a JSON object, else BAD_BACKEND_RESPONSE (via SyntaxError). */
export function parseBody(wire: CallHandler<RawSubgraphResponse>): CallHandler<SubgraphAnswer> {
  return async (call) => {
    const { body, headers } = await wire(call);
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('Expected JSON response body to be an object');
    return { response: parsed as SubgraphResponse, headers };
  };
}
