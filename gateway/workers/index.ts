// WORKERS > 1: a primary owning the shared state (audit chain, rate limits) and workers serving HTTP on one port.
export { startGatewayCluster } from './start-gateway-cluster.js';
export { runGatewayWorker } from './run-gateway-worker.js';
export { PrimaryUnavailableError } from './worker-channel.js';
