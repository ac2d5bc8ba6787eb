export { readGatewayConfig, gatewayEnvSchema, subgraphUrlVariable, defaultSupergraphPath } from './config.js';
export type { GatewayConfig, SubgraphEndpoint } from './config.js';
export { startGateway, type RunningGateway } from './start-gateway.js';
export { createFormatError, publicExtensionKeys } from './format-error.js';
