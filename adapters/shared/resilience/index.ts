export { createPolicyEvents, policyEvents } from './policy-events.js';
export type { CircuitStateName, PolicyCounters, PolicyEvent, PolicyEvents, PolicyListener } from './policy-events.js';
export { resilienceDefaults } from './resilience-options.js';
export type { BreakerOptions, BulkheadOptions, ConsecutiveBreakerOptions, ResilienceOptions, RetryOptions, SamplingBreakerOptions } from './resilience-options.js';
export { resilienceEnv, resilienceOptionsFromEnv } from './resilience-env.js';
export type { ResilienceEnvValues } from './resilience-env.js';
export { isBackendFailure } from './is-backend-failure.js';
export { adapterEnvOptions, adapterEnvShape } from './adapter-env-options.js';
export type { AdapterEnvName, AdapterEnvOptions, AdapterEnvValues } from './adapter-env-options.js';
