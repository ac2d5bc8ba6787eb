// One operational record per gateway request (X-Road style), written in batches to the embedded store.
export type { OperationRecord, SubgraphCallRecord, LegacyCallRecord } from './operation-record.js';
export { observeGraphQLRoute, type ObserveGraphQLOptions } from './observe-graphql-route.js';
export { operationsPlugin } from './operations-plugin.js';
export { observeDataSource } from './observed-data-source.js';
export { bindObservation } from './request-observation.js';
export { createBufferedSink, type OperationSink, type BufferedSinkOptions } from './operation-sink.js';
export { createSqliteOperationStore, type OperationStore } from './sqlite-operation-store.js';
export { openOperationsWriter, type OperationsWriter, type OperationsWriterOptions } from './operations-writer.js';
export { operationsEnvSchema, operationsConfigFromEnv, type OperationsConfig } from './operations-config.js';
export { openConfiguredWriter, createLocalSink } from './local-operations.js';
