// How a subgraph is observed: request spans, legacy calls reported to the gateway, Prometheus metrics.
export { callsReportPlugin, collectRequestCalls, type RequestCalls } from './request-calls.js';
export { createSubgraphMetrics, type SubgraphMetrics, type SubgraphMetricsOptions } from './subgraph-metrics.js';
export { observeSubgraphRequests } from './observe-subgraph-requests.js';
