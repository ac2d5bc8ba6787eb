import type { RouteHandler } from '../../../lib/http/index.js';
import { parseTraceparent, withSpan } from '../../../lib/trace/index.js';
import { collectRequestCalls, type RequestCalls } from './request-calls.js';
import type { SubgraphMetrics } from './subgraph-metrics.js';

/**
 * Wraps a subgraph's GraphQL route: each request runs in a server span whose parent is the gateway's fetch span (from
 * `traceparent`), so that its log lines and its legacy calls (spans, `traceparent`) belong to the request's trace;
 * its legacy calls are collected for the report to the gateway, and its duration is measured.
 */
export function observeSubgraphRequests(subgraph: string, metrics: SubgraphMetrics, handler: RouteHandler): RouteHandler {
  return (req, res, url) => {
    const parent = parseTraceparent(req.headers.traceparent);
    const startedAt = performance.now();
    const calls: RequestCalls = { parentSpanId: parent?.spanId ?? null, legacy: [], errors: false };
    const request = collectRequestCalls(calls);
    return withSpan(`subgraph ${subgraph}`, { kind: 'server', ...(parent ? { parent } : {}), request, attributes: { 'guichet.subgraph': subgraph } }, async (span) => {
      try {
        await handler(req, res, url);
      } finally {
        const failed = calls.errors || res.statusCode >= 400;
        if (failed) span.fail(res.statusCode >= 400 ? `HTTP ${res.statusCode}` : 'graphql errors');
        span.setAttributes({ 'http.response.status_code': res.statusCode, 'guichet.legacy_calls': calls.legacy.length });
        metrics.observeRequest(performance.now() - startedAt, failed ? 'error' : 'success');
      }
    });
  };
}
