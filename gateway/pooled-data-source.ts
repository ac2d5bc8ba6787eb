import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Agent, request as undiciRequest } from 'undici';
import { collectAccess, type SubgraphResponse } from '../audit/index.js';
import { INTERNAL_TOKEN_HEADER, type InternalTokenSigner } from '../auth/index.js';
import { DEADLINE_HEADER } from '../lib/deadline/index.js';
import type { Logger } from '../lib/log/index.js';
import { traceparentFor } from '../lib/trace/index.js';
import { deadlineOf, fetchBudget, planStagesOf, stagesAfter } from './deadline/index.js';
import { nullEntities, type NullableFields } from './entity-fallback.js';
import type { GatewayContext } from './gateway-context.js';
import { cacheHintOf, sendSubgraphRequest, SubgraphResponseTooLargeError, withinMs, type RawSubgraphResponse, type SharedReads } from './subgraph-fetch/index.js';
import { SubgraphCallError, subgraphStatusError, subgraphTransportError } from './subgraph-errors.js';
import { ErrorCode } from '../schema/index.js';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export interface PooledDataSourceOptions {
  /** Subgraph name, as in the supergraph; reported to clients in `extensions.subgraph`. */
  readonly name: string;
  /** GraphQL endpoint of the subgraph. */
  readonly url: string;
  /** Ceiling on one whole call (connect, headers and body); the request's deadline usually ends it sooner. */
  readonly timeoutMs: number;
  /** Taken off the time the subgraph is told it has, so that its answer is back before the gateway stops waiting. */
  readonly deadlineMarginMs: number;
  /** Keep-alive connections kept open to this subgraph at most. */
  readonly maxConnections: number;
  /** Largest response body accepted from the subgraph. */
  readonly maxResponseBytes: number;
  readonly log: Logger;
  /** Signs the internal token that tells the subgraph who is calling (and that the gateway sent the request). */
  readonly signer: InternalTokenSigner;
  /** Nullable fields per entity type, for answering a failed entity fetch with nulls (see `nullEntities`). */
  readonly nullable: NullableFields;
  /** De-duplication and cache of reads, shared by every subgraph of this gateway. */
  readonly sharedReads: SharedReads;
}

/**
 * One subgraph, reached over a pooled keep-alive undici Agent with a hard time budget per call. It implements the
 * gateway's data-source contract itself rather than extending RemoteGraphQLDataSource: that class builds a node-fetch
 * Request and copies headers on every call, and hides the raw answer that reads shared between requests need.
 * Failures become typed errors naming the subgraph, never its URL; a failed entity fetch is answered with nulls.
 */
export class PooledDataSource implements GraphQLDataSource<GatewayContext> {
  readonly name: string;
  readonly url: string;
  readonly readyUrl: string;
  private readonly endpoint: URL;
  private readonly agent: Agent;
  private readonly options: PooledDataSourceOptions;

  constructor(options: PooledDataSourceOptions) {
    this.options = options;
    this.name = options.name;
    this.url = options.url;
    this.endpoint = new URL(options.url);
    this.readyUrl = siblingUrlOf(options.url, 'ready');
    this.agent = new Agent({ connections: options.maxConnections });
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

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    // Health checks and schema loading do not happen here (static supergraph); anything else is refused.
    if (!('incomingRequestContext' in options)) throw new Error(`unexpected subgraph request kind: ${options.kind}`);
    const { request, context, incomingRequestContext } = options;
    try {
      if (!request.query) throw new Error('subgraph request without a query');
      const raw = await this.send(options);
      if (raw.status < 200 || raw.status >= 300) throw subgraphStatusError(this.name, raw.status, '');
      const response = parseResponse(raw.body);
      const processed = collectAccess(context, response, this.name);
      // What the subgraph's cache hints allow narrows what the whole client response may be cached for.
      const hint = cacheHintOf(raw.headers['cache-control']);
      const policy = incomingRequestContext.overallCachePolicy;
      if ('restrict' in policy) policy.restrict({ maxAge: hint.maxAgeSeconds, scope: hint.scope });
      return processed;
    } catch (caught) {
      const error = this.typed(caught, context.traceId);
      // An unreachable or too slow subgraph fails only its own part: an entity fetch is answered with nulls plus the
      // typed error, so the rest of the plan (the other ministries' dossiers) still runs. Other failures propagate.
      const representations = request.variables?.representations;
      if (error.code === ErrorCode.BAD_BACKEND_RESPONSE || !Array.isArray(representations) || !request.query) throw error;
      const data = nullEntities(request.query, representations, this.options.nullable);
      if (!data) throw error;
      return { data, errors: [{ message: error.message, extensions: { ...error.extensions } }] };
    }
  }

  private async send(options: Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>): Promise<RawSubgraphResponse> {
    const { request, context, incomingRequestContext } = options;
    // The request's deadline, shared with the stages of its plan that come after this fetch; the subgraph is told
    // what it may spend (a little less, so that its partial answer is back in time). No time left: nothing is sent.
    const deadline = deadlineOf(context);
    let timeoutMs = this.options.timeoutMs;
    let deadlineHeaders: Record<string, string> = {};
    if (deadline !== undefined) {
      const budget = fetchBudget({
        remainingMs: deadline.remainingMs(),
        totalMs: deadline.totalMs,
        stagesAfter: stagesAfter(planStagesOf(context), this.name, request.query ?? ''),
        subgraphTimeoutMs: this.options.timeoutMs,
        marginMs: this.options.deadlineMarginMs,
      });
      if (budget === undefined) throw new SubgraphCallError(this.name, ErrorCode.BACKEND_TIMEOUT, 'request deadline passed before the fetch; not sent');
      timeoutMs = budget.timeoutMs;
      deadlineHeaders = { [DEADLINE_HEADER]: String(budget.subgraphDeadlineMs) };
    }
    const operationName = incomingRequestContext.operationName ?? undefined;
    // No trace id in the token, so that one token serves a caller's operation for a while: it travels in `traceparent`.
    context.internalToken ??= this.options.signer.sign(context.principal, operationName ? { operationName } : {});
    const token = await context.internalToken;
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    const send = () =>
      sendSubgraphRequest(
        this.agent,
        {
          url: this.endpoint,
          body,
          headers: { 'content-type': 'application/json', accept: 'application/json', [INTERNAL_TOKEN_HEADER]: token, traceparent: traceparentFor(context.traceId), ...deadlineHeaders },
        },
        timeoutMs,
        this.options.maxResponseBytes,
      );
    // Reads only: a mutation's calls (its own, and the entity fetches of its result) always go out.
    if (incomingRequestContext.operation?.operation !== 'query') return send();
    // A read joined to another request's keeps to this request's own time.
    return withinMs(this.options.sharedReads.read({ subgraph: this.name, callerKey: JSON.stringify(context.principal), body }, send), timeoutMs);
  }

  private typed(error: unknown, traceId: string): SubgraphCallError {
    if (error instanceof SubgraphCallError) {
      this.log(error, traceId);
      return error;
    }
    const mapped =
      error instanceof SubgraphResponseTooLargeError
        ? new SubgraphCallError(this.name, ErrorCode.BAD_BACKEND_RESPONSE, error.message)
        : subgraphTransportError(this.name, error);
    this.log(mapped, traceId);
    return mapped;
  }

  // The trace id said explicitly: the gateway runs requests in a trace scope only while spans are exported.
  private log(error: SubgraphCallError, traceId: string): void {
    this.options.log.warn({ subgraph: this.name, code: error.code, detail: error.detail, traceId }, 'subgraph call failed');
  }
}

/** A subgraph's body must be a JSON object; anything else is BAD_BACKEND_RESPONSE (via SyntaxError). */
function parseResponse(body: Buffer): SubgraphResponse {
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('Expected JSON response body to be an object');
  return parsed as SubgraphResponse;
}

/** Each subgraph serves `GET /health` and `GET /ready` beside its GraphQL path (`…/graphql` → `…/ready`). */
function siblingUrlOf(url: string, path: string): string {
  const sibling = new URL(url);
  sibling.pathname = `${sibling.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/${path}`;
  sibling.search = '';
  sibling.hash = '';
  return sibling.href;
}
