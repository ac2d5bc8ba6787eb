export { createGraphQLHandler } from './graphql-handler.js';
export type { GraphQLHandlerOptions } from './graphql-handler.js';
