// The shipped clients' operations, wherever they live (clients/operations, each ministry subgraph's operations/), and
// the trusted-documents manifest built from them as Apollo's generate-persisted-query-manifest writes it.
export { operationDirectories, packageRoot, readShippedOperation, readShippedOperations } from './operation-sources.js';
export type { LocatedOperationSource } from './operation-sources.js';
export { readOperationSources } from './read-operation-sources.js';
export type { OperationSource } from './read-operation-sources.js';
export { buildManifest, serializeManifest } from './build-manifest.js';
export { apolloClientBodies } from './apollo-client-body.js';
export { readRelayPersistedQueries } from './relay-persisted-queries.js';
export type { RelayPersistedDocument } from './relay-persisted-queries.js';
export { buildShippedManifest, relayPersistedQueriesFile } from './shipped-manifest.js';
