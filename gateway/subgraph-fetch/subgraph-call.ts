import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { SubgraphResponse } from '../../audit/index.js';
import type { GatewayContext } from '../gateway-context.js';

/** What a subgraph call gives the gateway (Apollo's data-source contract). */
export type SubgraphResult = Awaited<ReturnType<GraphQLDataSource['process']>>;

type IncomingOptions = Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>;

/** One call of a subgraph on its way through the pipeline: what is asked, for which request, and what steps add. */
export interface SubgraphCall {
  /** The subgraph, as the supergraph names it. */
  readonly subgraph: string;
  readonly request: IncomingOptions['request'];
  readonly context: GatewayContext;
  /** The client request this call serves (its operation, its overall cache policy). */
  readonly incoming: IncomingOptions['incomingRequestContext'];
  /** The JSON body POSTed, and the key of a shared read. */
  readonly body: string;
  /** Time the call may take (connect, headers and body); the deadline step lowers it to what the request can spare. */
  timeoutMs: number;
  /** Headers the steps add to the POST: the internal token, the deadline, the `traceparent`. */
  readonly headers: Record<string, string>;
}

/** The subgraph's answer once read: its GraphQL response, and the HTTP headers it came with. */
export interface SubgraphAnswer {
  readonly response: SubgraphResponse;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The rest of a pipeline, from one point on. */
export type CallHandler<R> = (call: SubgraphCall) => Promise<R>;

/** One step of the pipeline: does its part, hands the call to `next` (or not), and may work on what comes back. */
export type Step<R> = (call: SubgraphCall, next: () => Promise<R>) => Promise<R>;
