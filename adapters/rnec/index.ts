export { createRnecAdapter } from './rnec-adapter.js';
export type { RnecAdapterOptions } from './rnec-adapter.js';
export { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv } from './config.js';
export type { RnecAdapterEnv } from './config.js';
export type * from './types.js';
