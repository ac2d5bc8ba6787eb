import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { callsReportExtensionKey, parseCallsReport } from '../../lib/metrics/index.js';
import { tracingEnabled, withSpan, type ActiveSpan } from '../../lib/trace/index.js';
import type { GatewayContext } from '../gateway-context.js';
import type { GatewayMetrics } from '../metrics/index.js';
import type { SubgraphCallRecord } from './request-record.js';
import { observationOf } from './request-observation.js';

type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;
type IncomingOptions = Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>;

/**
 * Wraps a subgraph's data source: each fetch is timed into the request's record and the metrics, runs in a client
 * span when spans are exported (the fetch's `traceparent` then names it, so the subgraph's span hangs under it), and
 * has the subgraph's report of legacy calls taken out of the response and noted — unless the answer was served to
 * another request (a shared or cached read: the parent it echoes is none this request sent), whose calls they are.
 */
export function observeDataSource(subgraph: string, inner: GraphQLDataSource<GatewayContext>, metrics: GatewayMetrics): GraphQLDataSource<GatewayContext> {
  const fetch = async (options: IncomingOptions, span: ActiveSpan | undefined): Promise<Response> => {
    const observation = observationOf(options.context);
    const startedAt = performance.now();
    let call: Omit<SubgraphCallRecord, 'durationMs'> = { subgraph, outcome: 'error', code: 'INTERNAL_SERVER_ERROR' };
    try {
      const response = await inner.process(options);
      const rawReport = response.extensions?.[callsReportExtensionKey];
      const report = rawReport === undefined ? undefined : parseCallsReport(rawReport);
      const shared = report !== undefined && (report.parentSpanId === null || observation?.sentSpans.has(report.parentSpanId) !== true);
      const code = firstCode(response);
      call = { subgraph, outcome: code === undefined ? 'ok' : 'error', ...(code !== undefined ? { code } : {}), ...(shared ? { shared: true as const } : {}) };
      if (report !== undefined && !shared) for (const legacy of report.legacy) observation?.legacyCalls.push({ subgraph, ...legacy });
      if (code !== undefined) span?.fail(code);
      if (rawReport === undefined) return response;
      const { [callsReportExtensionKey]: _report, ...otherExtensions } = response.extensions ?? {};
      const { extensions: _extensions, ...rest } = response;
      return Object.keys(otherExtensions).length > 0 ? { ...rest, extensions: otherExtensions } : rest;
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
      call = { subgraph, outcome: 'error', code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' };
      throw error;
    } finally {
      const durationMs = performance.now() - startedAt;
      observation?.subgraphs.push({ ...call, durationMs: Math.round(durationMs * 1_000) / 1_000 });
      metrics.observeSubgraphFetch(subgraph, call.outcome, durationMs);
    }
  };
  return {
    process(options) {
      if (!('incomingRequestContext' in options)) return inner.process(options);
      // A span (and its scope, which the fetch's `traceparent` names) only while spans are exported.
      if (!tracingEnabled()) return fetch(options, undefined);
      return withSpan(`fetch ${subgraph}`, { kind: 'client', attributes: { 'guichet.subgraph': subgraph } }, (span) => fetch(options, span));
    },
  };
}

function firstCode(response: Response): string | undefined {
  for (const error of response.errors ?? []) {
    const code = error.extensions?.code;
    return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
  }
  return undefined;
}
