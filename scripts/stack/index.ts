export { startStack } from './start-stack.js';
export { startScaledStack, type ScaledStack, type ScaledStackOptions } from './start-scaled-stack.js';
export type { Stack, StackOptions } from './start-stack.js';
export { gatewayNodeOptions, legacyServices, stackServices } from './service-catalog.js';
export type { SpawnedService } from './spawn-service.js';
export { welcomeText } from './welcome.js';
