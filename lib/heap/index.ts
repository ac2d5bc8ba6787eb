// What the heap V8 was given holds for long-lived data: the budgets of caches and streams are read against it.
export { nodeFlags, oldGenerationLimitBytes, semiSpaceMiBOf } from './old-generation-limit.js';
