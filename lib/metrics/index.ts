// Prometheus plumbing shared by the gateway and the subgraphs: who may read /metrics, label hygiene, buckets, and
// the report of legacy calls a subgraph hands the gateway for its operational records.
export { metricsEnvSchema, type MetricsEnv } from './metrics-env.js';
export { isLoopback, mayReadMetrics } from './metrics-access.js';
export { createMetricsRoute, prometheusContentType, type MetricsRouteOptions } from './metrics-route.js';
export { boundedLabel } from './bounded-label.js';
export { latencyBucketsSeconds } from './buckets.js';
export { callsReportExtensionKey, parseCallsReport, type CallsReport, type LegacyCallReport } from './calls-report.js';
