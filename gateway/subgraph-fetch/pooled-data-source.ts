import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Agent, request as undiciRequest } from 'undici';
import type { GatewayContext } from '../gateway-context.js';
import { createSubgraphPipeline, type SubgraphPipelineOptions } from './pipeline.js';
import type { CallHandler, SubgraphResult } from './subgraph-call.js';

export interface PooledDataSourceOptions extends Omit<SubgraphPipelineOptions, 'endpoint' | 'agent'> {
  /** Subgraph name, as in the supergraph; reported to clients in `extensions.subgraph`. */
  readonly name: string;
  /** GraphQL endpoint of the subgraph. */
  readonly url: string;
  /** Ceiling on one whole call (connect, headers and body); the request's deadline usually ends it sooner. */
  readonly timeoutMs: number;
  /** Keep-alive connections kept open to this subgraph at most. */
  readonly maxConnections: number;
}

/**
 * One subgraph, reached over a pooled keep-alive undici Agent, each call through the subgraph pipeline
 * (`createSubgraphPipeline`). It implements the gateway's data-source contract itself rather than extending
 * RemoteGraphQLDataSource: that class builds a node-fetch Request and copies headers on every call, and hides the raw
 * answer that reads shared between requests need.
 */
export class PooledDataSource implements GraphQLDataSource<GatewayContext> {
  readonly name: string;
  readonly url: string;
  readonly readyUrl: string;
  private readonly timeoutMs: number;
  private readonly agent: Agent;
  private readonly pipeline: CallHandler<SubgraphResult>;

  constructor(options: PooledDataSourceOptions) {
    this.name = options.name;
    this.url = options.url;
    this.readyUrl = siblingUrlOf(options.url, 'ready');
    this.timeoutMs = options.timeoutMs;
    this.agent = new Agent({ connections: options.maxConnections });
    this.pipeline = createSubgraphPipeline({ ...options, endpoint: new URL(options.url), agent: this.agent });
  }

  /**
   * The subgraph's own readiness (`GET /ready`: its legacy circuits, its outbox backlog), or `null` when it does not
   * answer with a 2xx within `timeoutMs`.
   */
  async readiness(timeoutMs: number): Promise<Record<string, unknown> | null> {
    try {
      const response = await undiciRequest(this.readyUrl, { dispatcher: this.agent, signal: AbortSignal.timeout(timeoutMs) });
      const body: unknown = await response.body.json().catch(() => ({}));
      return response.statusCode >= 200 && response.statusCode < 300 && typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  /** Closes the pooled connections; call after the server stopped sending work. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResult> {
    // Health checks and schema loading do not happen here (static supergraph); anything else is refused.
    if (!('incomingRequestContext' in options)) throw new Error(`unexpected subgraph request kind: ${options.kind}`);
    const { request, context, incomingRequestContext } = options;
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    return this.pipeline({ subgraph: this.name, request, context, incoming: incomingRequestContext, body, timeoutMs: this.timeoutMs, headers: {} });
  }
}

/** Each subgraph serves `GET /health` and `GET /ready` beside its GraphQL path (`…/graphql` → `…/ready`). */
function siblingUrlOf(url: string, path: string): string {
  const sibling = new URL(url);
  sibling.pathname = `${sibling.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/${path}`;
  sibling.search = '';
  sibling.hash = '';
  return sibling.href;
}
