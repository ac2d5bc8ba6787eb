import type { MinistryAdapterKit } from '../shared/index.js';
import { createMinesAdapter } from './create-mines-adapter.js';
import { minesAdapterEnvSchema, minesAdapterOptionsFromEnv, type MinesAdapterOptions } from './options.js';
import type { EnergyMinesApplicationInput, EnergyMinesApplicationRecord, MinesAdapter } from './types.js';

/** SIGEM's adapter as the house wires every ministry's (see MinistryAdapterKit). */
export const adapterKit: MinistryAdapterKit<typeof minesAdapterEnvSchema, MinesAdapterOptions, EnergyMinesApplicationRecord, EnergyMinesApplicationInput, MinesAdapter> = {
  system: 'mines',
  envSchema: minesAdapterEnvSchema,
  optionsFromEnv: minesAdapterOptionsFromEnv,
  create: createMinesAdapter,
  locationOf: (options) => options.baseUrl,
  communeOf: (record) => record.communeCode,
};
