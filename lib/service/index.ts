export { runService } from './run-service.js';
export type { RunningService, ServiceDefinition } from './run-service.js';
