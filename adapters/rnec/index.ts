export { createRnecAdapter, defaultV2Url } from './rnec-adapter.js';
export type { RnecAdapterOptions } from './rnec-adapter.js';
export { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv } from './config.js';
export type { RnecAdapterEnv } from './config.js';
export { rnecAdapterOperations, rnecModes, parseModeOverrides } from './strangler/index.js';
export type { RnecAdapterOperation, RnecMode, RnecRouting } from './strangler/index.js';
export type * from './types.js';
export { copyRequestDossiers } from './copy-request-dossiers.js';
