import { minesAdapterEnvSchema, minesAdapterOptionsFromEnv, type MinesAdapterOptions } from '../../adapters/mines/index.js';
import { readConfig } from '../../lib/config/index.js';
import { outboxConfigFromEnv, outboxEnvSchema, type OutboxConfig } from '../../outbox/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';

export const ENERGY_MINES_DEFAULT_PORT = 4106;

export interface EnergyMinesConfig {
  readonly server: SubgraphEnv;
  readonly mines: MinesAdapterOptions;
  /** Where applications the ministry could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
}

export function readEnergyMinesConfig(env: NodeJS.ProcessEnv): EnergyMinesConfig {
  const parsed = readConfig('subgraph-energy-mines', subgraphEnvSchema(ENERGY_MINES_DEFAULT_PORT, env.NODE_ENV).extend({ ...minesAdapterEnvSchema.shape, ...outboxEnvSchema.shape }), env);
  return { server: parsed, mines: minesAdapterOptionsFromEnv(parsed), outbox: outboxConfigFromEnv(parsed, 'energy-mines') };
}
