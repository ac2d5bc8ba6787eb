export { buildFederatedSchema } from './build-subgraph-schema.js';
export type { SubgraphSchemaOptions, ReferenceResolvers } from './build-subgraph-schema.js';
export { startSubgraphServer } from './start-subgraph-server.js';
export type { SubgraphServerOptions, CallerIdentity } from './start-subgraph-server.js';
export { subgraphEnvSchema } from './subgraph-env.js';
export type { SubgraphEnv } from './subgraph-env.js';
export type { SubgraphContext } from './subgraph-context.js';
export { createGatewayAuthenticator } from './gateway-authenticator.js';
export { createSubgraphErrorFormatter } from './format-subgraph-error.js';
