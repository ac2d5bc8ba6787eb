import { ceetAdapterEnvSchema, ceetAdapterOptionsFromEnv, type CeetAdapterOptions } from '../../adapters/ceet/index.js';
import { readConfig } from '../../lib/config/index.js';
import { outboxConfigFromEnv, outboxEnvSchema, type OutboxConfig } from '../../outbox/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';

export const ELECTRICITY_DEFAULT_PORT = 4102;

export interface ElectricityConfig {
  readonly server: SubgraphEnv;
  readonly ceet: CeetAdapterOptions;
  /** Where applications CEET could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
}

export function readElectricityConfig(env: NodeJS.ProcessEnv): ElectricityConfig {
  const parsed = readConfig('subgraph-electricity', subgraphEnvSchema(ELECTRICITY_DEFAULT_PORT, env.NODE_ENV).extend({ ...ceetAdapterEnvSchema.shape, ...outboxEnvSchema.shape }), env);
  return { server: parsed, ceet: ceetAdapterOptionsFromEnv(parsed), outbox: outboxConfigFromEnv(parsed, 'electricity') };
}
