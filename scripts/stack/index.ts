export { startStack } from './start-stack.js';
export type { Stack, StackOptions } from './start-stack.js';
export { gatewayNodeOptions, legacyServices, stackServices } from './service-catalog.js';
export type { SpawnedService } from './spawn-service.js';
