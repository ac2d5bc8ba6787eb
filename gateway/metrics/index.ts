// The gateway's Prometheus metrics, per process and summed over the cluster's workers by the primary.
export { createGatewayMetrics, type GatewayMetrics, type GatewayMetricsOptions } from './gateway-metrics.js';
export { createClusterMetrics, type ClusterMetrics } from './cluster-metrics.js';
export { answerMetricsRequests } from './answer-metrics-requests.js';
