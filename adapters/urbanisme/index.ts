export { createUrbanismeAdapter } from './create-urbanisme-adapter.js';
export { urbanismeAdapterEnvSchema, urbanismeAdapterOptionsFromEnv } from './options.js';
export type { UrbanismeAdapterOptions, UrbanismeAdapterEnv } from './options.js';
export type { UrbanismeAdapter, BuildingPermitRecord, BuildingPermitInput, ProjectKind } from './types.js';
export { adapterKit } from './adapter-kit.js';
export { buildingPermitInputSchema } from './validate-input.js';
