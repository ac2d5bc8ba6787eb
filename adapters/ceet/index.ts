export { createCeetAdapter } from './create-ceet-adapter.js';
export type { CeetAdapterOptions } from './create-ceet-adapter.js';
export { ceetAdapterEnvSchema, ceetAdapterOptionsFromEnv, readCeetAdapterOptions } from './options.js';
export type { CeetAdapterEnv } from './options.js';
export { numeroOfReference, referenceOfNumero } from './references.js';
export { CeetOperation } from './ceet-operations.js';
export type { CeetAdapter, ElectricityRequestInput, ElectricityRequestRecord, MeterType } from './types.js';
export { adapterKit } from './adapter-kit.js';
export { electricityRequestInputSchema } from './validate-input.js';
