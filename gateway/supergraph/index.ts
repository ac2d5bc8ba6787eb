// Supergraph hot reload: a new supergraph (file change, SIGHUP, a polled URL) is checked, built beside the served
// one and swapped in; requests in flight finish on the gateway they started on, which is then released.
export { createServedGateway, type ServedGateway, type ServedGatewayOptions, type ServedGeneration, type SupergraphChange } from './served-gateway.js';
export { prepareSupergraph, SupergraphRefusedError, type LoadedSupergraph, type SupergraphRules } from './prepare-supergraph.js';
export { createSupergraphMetrics, reloadOutcomes, type ReloadOutcome, type SupergraphMetrics } from './supergraph-metrics.js';
export { startSupergraphTriggers, type SupergraphTriggersOptions } from './start-supergraph-triggers.js';
export { watchSupergraphFile } from './watch-supergraph-file.js';
export { pollSupergraphUrl, type SupergraphPoller, type SupergraphPollOptions } from './poll-supergraph-url.js';
export { supergraphHash } from './supergraph-hash.js';
