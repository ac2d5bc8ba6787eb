import type { MinistryAdapterKit } from '../shared/index.js';
import { ceetAdapterEnvSchema, ceetAdapterOptionsFromEnv } from './options.js';
import { createCeetAdapter, type CeetAdapterOptions } from './create-ceet-adapter.js';
import type { CeetAdapter, ElectricityRequestInput, ElectricityRequestRecord } from './types.js';

/** CEET's adapter as the house wires every ministry's (see MinistryAdapterKit). */
export const adapterKit: MinistryAdapterKit<typeof ceetAdapterEnvSchema, CeetAdapterOptions, ElectricityRequestRecord, ElectricityRequestInput, CeetAdapter> = {
  system: 'ceet',
  envSchema: ceetAdapterEnvSchema,
  optionsFromEnv: ceetAdapterOptionsFromEnv,
  create: createCeetAdapter,
  locationOf: (options) => options.baseUrl,
  communeOf: (record) => record.communeCode,
};
