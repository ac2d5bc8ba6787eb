export { createLimitPlugins } from './create-limit-plugins.js';
export type { LimitPlugins } from './create-limit-plugins.js';
export { limitsEnvSchema, operationLimitsFromEnv, defaultOperationLimits } from './operation-limits.js';
export type { OperationLimits, LimitsEnv } from './operation-limits.js';
export { OperationTooComplexError } from './operation-too-complex.js';
export type { LimitKind } from './operation-too-complex.js';
export { createLimitRules } from './limit-rules.js';
export { withoutSuggestions } from './hide-suggestions-plugin.js';
