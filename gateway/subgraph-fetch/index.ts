// How the gateway calls a subgraph: one pooled data source per subgraph, each call through one pipeline of small
// steps (pipeline.ts lists them in order), reads shared between requests when the subgraph allows it.
export { PooledDataSource, type PooledDataSourceOptions } from './pooled-data-source.js';
export { createSubgraphPipeline, type SubgraphPipelineOptions } from './pipeline.js';
export type { SubgraphCall, SubgraphAnswer, SubgraphResult, Step, CallHandler } from './subgraph-call.js';
export {
  callerHashOf,
  createSharedReads,
  sharedReadsInvalidationChannel,
  type SharedReads,
  type SharedReadKey,
  type SharedReadStats,
  type SharedReadsOptions,
  type SharedReadsAcrossReplicas,
} from './shared-reads.js';
export type { SharedReadsStore, StoredAnswer } from './shared-reads-store.js';
export { createRedisSharedReadsStore, type RedisSharedReadsStoreOptions } from './shared-reads-redis-store.js';
export { responsePartsOf, trackResponseParts, type ResponsePart } from './response-parts.js';
export { nullableFieldsOf, type NullableFields } from './null-entities.js';
export { SubgraphCallError, type SubgraphFailureCode } from './subgraph-call-error.js';
