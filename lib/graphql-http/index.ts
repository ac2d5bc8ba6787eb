export { createGraphQLHandler } from './graphql-handler.js';
export type { GraphQLHandlerOptions } from './graphql-handler.js';
export { negotiateIncrementalFormat, type IncrementalFormat, type IncrementalPayload, type IncrementalResponse } from './incremental-response.js';
