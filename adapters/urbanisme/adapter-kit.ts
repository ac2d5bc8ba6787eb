import type { MinistryAdapterKit } from '../shared/index.js';
import { createUrbanismeAdapter } from './create-urbanisme-adapter.js';
import { urbanismeAdapterEnvSchema, urbanismeAdapterOptionsFromEnv, type UrbanismeAdapterOptions } from './options.js';
import type { BuildingPermitInput, BuildingPermitRecord, UrbanismeAdapter } from './types.js';

/** Urbanisme's adapter as the house wires every ministry's (see MinistryAdapterKit). */
export const adapterKit: MinistryAdapterKit<typeof urbanismeAdapterEnvSchema, UrbanismeAdapterOptions, BuildingPermitRecord, BuildingPermitInput, UrbanismeAdapter> = {
  system: 'urbanisme',
  envSchema: urbanismeAdapterEnvSchema,
  optionsFromEnv: urbanismeAdapterOptionsFromEnv,
  create: createUrbanismeAdapter,
  locationOf: (options) => options.baseUrl,
  communeOf: (record) => record.communeCode,
};
