// The shipped clients' operations, wherever they live (clients/operations, each ministry subgraph's operations/).
export { operationDirectories, readShippedOperation, readShippedOperations } from './operation-sources.js';
export type { LocatedOperationSource } from './operation-sources.js';
