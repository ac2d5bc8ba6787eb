import { minesAdapterEnvSchema, minesAdapterOptionsFromEnv, type MinesAdapterOptions } from '../../adapters/mines/index.js';
import type { OutboxConfig } from '../../outbox/index.js';
import { readMinistrySubgraphConfig, type SubgraphEnv } from '../shared/index.js';

export const ENERGY_MINES_DEFAULT_PORT = 4106;

export interface EnergyMinesConfig {
  readonly server: SubgraphEnv;
  readonly mines: MinesAdapterOptions;
  /** Where applications the ministry could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
}

export function readEnergyMinesConfig(env: NodeJS.ProcessEnv): EnergyMinesConfig {
  const { server, adapter, outbox } = readMinistrySubgraphConfig(env, 'energy-mines', ENERGY_MINES_DEFAULT_PORT, { envSchema: minesAdapterEnvSchema, optionsFromEnv: minesAdapterOptionsFromEnv });
  return { server, mines: adapter, outbox };
}
