export { createGraphQLHandler } from './graphql-handler.js';
export type { GraphQLHandlerOptions } from './graphql-handler.js';
export { negotiateIncrementalFormat, type IncrementalFormat, type IncrementalPayload, type IncrementalResponse } from './incremental-response.js';
export { negotiateResponseType, graphqlResponseJson, applicationJson, type ResponseMediaType } from './response-media-type.js';
export { graphqlRequestErrorCodes } from './conform-status.js';
export { operationResolutionPlugin } from './operation-resolution-plugin.js';
