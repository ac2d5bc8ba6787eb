import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { collectAccess } from '../audit/index.js';
import { INTERNAL_TOKEN_HEADER, type InternalTokenSigner } from '../auth/index.js';
import { Agent, fetch } from 'undici';
import type { Logger } from '../lib/log/index.js';
import { nullEntities, type NullableFields } from './entity-fallback.js';
import type { GatewayContext } from './gateway-context.js';
import { SubgraphCallError, subgraphStatusError, subgraphTransportError } from './subgraph-errors.js';

// Taken from the gateway's own declarations rather than its transitive @apollo/utils.fetcher package.
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export interface PooledDataSourceOptions {
  /** Subgraph name, as in the supergraph; reported to clients in `extensions.subgraph`. */
  readonly name: string;
  /** GraphQL endpoint of the subgraph. */
  readonly url: string;
  /** Budget for one whole call: connect, headers and body. */
  readonly timeoutMs: number;
  /** Keep-alive connections kept open to this subgraph at most. */
  readonly maxConnections: number;
  readonly log: Logger;
  /** Signs the internal token that tells the subgraph who is calling (and that the gateway sent the request). */
  readonly signer: InternalTokenSigner;
  /** Nullable fields per entity type, for answering a failed entity fetch with nulls (see `nullEntities`). */
  readonly nullable: NullableFields;
}

/**
 * One subgraph, reached over a pooled keep-alive undici Agent (the default fetcher opens sockets freely), with a
 * hard time budget per call, and failures turned into typed errors that name the subgraph but never its URL.
 */
export class PooledDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly name: string;
  readonly readyUrl: string;
  private readonly agent: Agent;
  private readonly log: Logger;
  private readonly signer: InternalTokenSigner;
  private readonly nullable: NullableFields;

  constructor({ name, url, timeoutMs, maxConnections, log, signer, nullable }: PooledDataSourceOptions) {
    super();
    this.signer = signer;
    this.nullable = nullable;
    this.name = name;
    this.url = url;
    this.readyUrl = siblingUrlOf(url, 'ready');
    this.log = log;
    this.agent = new Agent({ connections: maxConnections });
    this.fetcher = this.createFetcher(timeoutMs);
  }

  /**
   * The subgraph's own readiness (`GET /ready`: its legacy circuits, its outbox backlog), or `null` when it does not
   * answer with a 2xx within `timeoutMs`.
   */
  async readiness(timeoutMs: number): Promise<Record<string, unknown> | null> {
    try {
      const response = await fetch(this.readyUrl, { dispatcher: this.agent, signal: AbortSignal.timeout(timeoutMs) });
      const body: unknown = await response.json().catch(() => ({}));
      return response.ok && typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  /** Closes the pooled connections; call after the server stopped sending work. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Every subgraph request carries the caller in a short-lived internal token, signed once per client request. */
  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading do not happen here (static supergraph); anything else is refused.
    if (!('incomingRequestContext' in options)) throw new Error(`unexpected subgraph request kind: ${options.kind}`);
    const { context, incomingRequestContext, request } = options;
    const operationName = incomingRequestContext.operationName ?? undefined;
    context.internalToken ??= this.signer.sign(context.principal, { traceId: context.traceId, ...(operationName ? { operationName } : {}) });
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, await context.internalToken);
  }

  /**
   * An unreachable or too slow subgraph fails only its own part: an entity fetch is answered with nulls plus the
   * typed error, so the rest of the plan (the other ministries' dossiers) still runs. Other failures propagate.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const representations = options.request.variables?.representations;
      if (!(error instanceof SubgraphCallError) || error.code === 'BAD_BACKEND_RESPONSE' || !Array.isArray(representations) || !options.request.query) throw error;
      const data = nullEntities(options.request.query, representations, this.nullable);
      if (!data) throw error;
      return { data, errors: [{ message: error.message, extensions: { ...error.extensions } }] };
    }
  }

  /** Takes the subgraph's report of whose personal data it served for the audit trail, and keeps it from the client. */
  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    return collectAccess(context, response, this.name);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<SubgraphCallError> {
    await response.arrayBuffer().catch(() => undefined);
    return subgraphStatusError(this.name, response.status, response.statusText);
  }

  override didEncounterError(error: Error): void {
    const mapped = subgraphTransportError(this.name, error);
    this.log.warn({ subgraph: this.name, code: mapped.code, detail: mapped.detail }, 'subgraph call failed');
    throw mapped;
  }

  private createFetcher(timeoutMs: number): Fetcher {
    return async (url, init) => {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = init?.signal instanceof AbortSignal ? AbortSignal.any([init.signal, timeout]) : timeout;
      const response = await fetch(url, { method: init?.method, headers: init?.headers, body: init?.body, dispatcher: this.agent, signal });
      return response;
    };
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
