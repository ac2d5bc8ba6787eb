import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from '../../lib/http/index.js';
import { newTraceId, parseTraceparent, runInTrace, startSpan, tracingEnabled, unwatchSentSpans, watchSentSpans } from '../../lib/trace/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { countResponseBytes } from './count-response-bytes.js';
import type { RequestRecord } from './request-record.js';
import type { RecordSink } from './record-sink.js';
import { observeRequest, type RequestObservation } from './request-observation.js';

export interface ObserveGraphQLOptions {
  readonly sink: RecordSink;
  readonly metrics: GatewayMetrics;
}

/**
 * Wraps the gateway's GraphQL route: the request gets its trace id at the door (the caller's, or a fresh one written
 * back as its `traceparent`, so the context factory, the audit and the logs agree), has a server span (exported when
 * tracing is on), and once answered leaves one operational record and its metrics. Nothing here waits on a store: the
 * record is enqueued.
 */
export function observeGraphQLRoute(handler: RouteHandler, { sink, metrics }: ObserveGraphQLOptions): RouteHandler {
  return async (req, res, url) => {
    const incoming = parseTraceparent(req.headers.traceparent);
    const span = startSpan('graphql', { kind: 'server', ...(incoming ? { parent: incoming } : { traceId: newTraceId() }) });
    const traceId = span.scope.traceId;
    if (incoming === undefined) req.headers.traceparent = `00-${traceId}-${span.scope.spanId}-01`;
    const observation: RequestObservation = {
      startedAtMs: Date.now(),
      startedAt: performance.now(),
      traceId,
      span,
      sentSpans: watchSentSpans(traceId),
      operationName: null,
      operationType: null,
      subgraphs: [],
      legacyCalls: [],
    };
    observeRequest(req, observation);
    const bytes = countResponseBytes(res);
    try {
      // In a trace scope only while spans are exported (its parents then matter): AsyncLocalStorage taxes every
      // promise of the process. The observation travels in the request's context instead.
      await (tracingEnabled() ? runInTrace(span.scope, () => handler(req, res, url)) : handler(req, res, url));
    } finally {
      unwatchSentSpans(traceId);
      const record = recordOf(observation, req, res, bytes());
      metrics.observeRequest(record);
      sink.record(record);
      span.updateName(`graphql ${record.operationName ?? '(anonymous)'}`);
      span.setAttributes({
        'graphql.operation.name': record.operationName ?? undefined,
        'graphql.operation.type': record.operationType ?? undefined,
        'http.response.status_code': record.status,
        'guichet.client_id': record.clientId,
        'guichet.role': record.role,
      });
      if (record.outcome !== 'success') span.fail(record.errorCodes.join(',') || `HTTP ${record.status}`);
      span.end();
    }
  };
}

/** Refusals made before any plugin ran (no GraphQL response seen): their code, from the HTTP status. */
const codeOfStatus: Readonly<Record<number, string>> = { 400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 413: 'BAD_REQUEST', 429: 'RATE_LIMITED', 503: 'SERVICE_OVERLOADED' };

function recordOf(observation: RequestObservation, req: IncomingMessage, res: ServerResponse, responseBytes: number): RequestRecord {
  const { principal, response } = observation;
  const status = res.statusCode;
  const result = response?.body.kind === 'single' ? response.body.singleResult : undefined;
  const codes = new Set<string>();
  for (const error of result?.errors ?? []) {
    const code = error.extensions?.code;
    codes.add(typeof code === 'string' ? code.slice(0, 64) : 'INTERNAL_SERVER_ERROR');
  }
  if (result === undefined && status >= 400) codes.add(codeOfStatus[status] ?? `HTTP_${status}`);
  const hasData = result?.data !== undefined && result.data !== null && status < 400;
  const outcome = !hasData ? 'error' : codes.size > 0 ? 'partial' : 'success';
  return {
    at: new Date(observation.startedAtMs).toISOString(),
    traceId: observation.traceId,
    clientId: principal?.clientId ?? 'anonymous',
    role: principal?.role ?? 'anonymous',
    ...(principal?.ministry !== undefined ? { ministry: principal.ministry } : {}),
    // The name the client gave even when the document did not parse; never the document or its variables.
    operationName: (observation.operationName ?? operationNameOfUrl(req))?.slice(0, 128) ?? null,
    operationType: observation.operationType,
    status,
    outcome,
    durationMs: Math.round((performance.now() - observation.startedAt) * 1_000) / 1_000,
    responseBytes,
    errorCodes: [...codes],
    subgraphs: observation.subgraphs,
    legacyCalls: observation.legacyCalls,
  };
}

/** A GET names its operation in the query string; a refused POST never got as far as saying. */
function operationNameOfUrl(req: IncomingMessage): string | null {
  const search = req.url?.includes('?') ? new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1)) : undefined;
  return search?.get('operationName') ?? null;
}
