import type { Agent } from 'undici';
import type { RawSubgraphResponse } from './raw-subgraph-response.js';
import { sendSubgraphRequest } from './send-subgraph-request.js';
import type { CallHandler } from './subgraph-call.js';

export interface PostRequestOptions {
  /** GraphQL endpoint of the subgraph. */
  readonly endpoint: URL;
  /** Its pool of keep-alive connections. */
  readonly agent: Agent;
  /** Largest response body accepted from the subgraph. */
  readonly maxResponseBytes: number;
}

/** The end of the pipeline: one POST over the pool, with the headers the steps set, within the call's time. */
export function postRequest({ endpoint, agent, maxResponseBytes }: PostRequestOptions): CallHandler<RawSubgraphResponse> {
  return (call) =>
    sendSubgraphRequest(agent, { url: endpoint, body: call.body, headers: { 'content-type': 'application/json', accept: 'application/json', ...call.headers } }, call.timeoutMs, maxResponseBytes);
}
