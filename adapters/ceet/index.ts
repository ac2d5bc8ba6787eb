export { createCeetAdapter } from './create-ceet-adapter.js';
export type { CeetAdapterOptions } from './create-ceet-adapter.js';
export { ceetAdapterEnvSchema, ceetAdapterOptionsFromEnv, readCeetAdapterOptions } from './ceet-env.js';
export type { CeetAdapterEnv } from './ceet-env.js';
export { numeroOfReference, referenceOfNumero } from './ceet-references.js';
export { CeetOperation } from './ceet-operations.js';
export type { CeetAdapter, ElectricityRequestInput, ElectricityRequestRecord, MeterType } from './types.js';
export { adapterKit } from './adapter-kit.js';
export { electricityRequestInputSchema } from './validate-input.js';
