import { ceetAdapterEnvSchema, ceetAdapterOptionsFromEnv, type CeetAdapterOptions } from '../../adapters/ceet/index.js';
import type { OutboxConfig } from '../../outbox/index.js';
import { readMinistrySubgraphConfig, type SubgraphEnv } from '../shared/index.js';

export const ELECTRICITY_DEFAULT_PORT = 4102;

export interface ElectricityConfig {
  readonly server: SubgraphEnv;
  readonly ceet: CeetAdapterOptions;
  /** Where applications CEET could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
}

export function readElectricityConfig(env: NodeJS.ProcessEnv): ElectricityConfig {
  const { server, adapter, outbox } = readMinistrySubgraphConfig(env, 'electricity', ELECTRICITY_DEFAULT_PORT, { envSchema: ceetAdapterEnvSchema, optionsFromEnv: ceetAdapterOptionsFromEnv });
  return { server, ceet: adapter, outbox };
}
