import { callsReportExtensionKey, parseCallsReport } from '../../lib/metrics/index.js';
import { tracingEnabled, withSpan, type ActiveSpan } from '../../lib/trace/index.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { observationOf, type SubgraphCallRecord } from '../request-records/index.js';
import type { Step, SubgraphCall, SubgraphResult } from './subgraph-call.js';

/**
 * Each call is timed into the request's record and the metrics, runs in a client span when spans are exported (the
 * call's `traceparent` then names it, so the subgraph's span hangs under it), and has the subgraph's report of legacy
 * calls taken out of the response and noted — unless the answer was served to another request (a shared or cached
 * read: the parent it echoes is none this request sent), whose calls they are.
 */
export function recordCall(metrics: GatewayMetrics): Step<SubgraphResult> {
  const timed = async (call: SubgraphCall, next: () => Promise<SubgraphResult>, span: ActiveSpan | undefined): Promise<SubgraphResult> => {
    const { subgraph } = call;
    const observation = observationOf(call.context);
    const startedAt = performance.now();
    let record: Omit<SubgraphCallRecord, 'durationMs'> = { subgraph, outcome: 'error', code: 'INTERNAL_SERVER_ERROR' };
    try {
      const response = await next();
      const rawReport = response.extensions?.[callsReportExtensionKey];
      const report = rawReport === undefined ? undefined : parseCallsReport(rawReport);
      const shared = report !== undefined && (report.parentSpanId === null || observation?.sentSpans.has(report.parentSpanId) !== true);
      const code = firstCode(response);
      record = { subgraph, outcome: code === undefined ? 'ok' : 'error', ...(code !== undefined ? { code } : {}), ...(shared ? { shared: true as const } : {}) };
      if (report !== undefined && !shared) for (const legacy of report.legacy) observation?.legacyCalls.push({ subgraph, ...legacy });
      if (code !== undefined) span?.fail(code);
      if (rawReport === undefined) return response;
      const { [callsReportExtensionKey]: _report, ...otherExtensions } = response.extensions ?? {};
      const { extensions: _extensions, ...rest } = response;
      return Object.keys(otherExtensions).length > 0 ? { ...rest, extensions: otherExtensions } : rest;
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
      record = { subgraph, outcome: 'error', code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' };
      throw error;
    } finally {
      const durationMs = performance.now() - startedAt;
      observation?.subgraphs.push({ ...record, durationMs: Math.round(durationMs * 1_000) / 1_000 });
      metrics.observeSubgraphFetch(subgraph, record.outcome, durationMs);
    }
  };
  return (call, next) => {
    // A span (and its scope, which the call's `traceparent` names) only while spans are exported.
    if (!tracingEnabled()) return timed(call, next, undefined);
    return withSpan(`fetch ${call.subgraph}`, { kind: 'client', attributes: { 'guichet.subgraph': call.subgraph } }, (span) => timed(call, next, span));
  };
}

function firstCode(response: SubgraphResult): string | undefined {
  for (const error of response.errors ?? []) {
    const code = error.extensions?.code;
    return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
  }
  return undefined;
}
