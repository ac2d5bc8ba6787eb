// How the gateway reaches a subgraph: one pooled POST, reads shared between requests when the subgraph allows it.
export { sendSubgraphRequest, SubgraphResponseTooLargeError, type SubgraphRequest } from './send-subgraph-request.js';
export { createSharedReads, type SharedReads, type SharedReadKey, type SharedReadStats, type SharedReadsOptions } from './shared-reads.js';
export { cacheHintOf, type CacheHint } from './cache-hint.js';
export { withinMs } from './within-ms.js';
export type { RawSubgraphResponse } from './raw-subgraph-response.js';
