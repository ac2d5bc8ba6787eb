import { urbanismeAdapterEnvSchema, urbanismeAdapterOptionsFromEnv, type UrbanismeAdapterOptions } from '../../adapters/urbanisme/index.js';
import { readConfig } from '../../lib/config/index.js';
import { outboxConfigFromEnv, outboxEnvSchema, type OutboxConfig } from '../../outbox/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';

export const BUILDING_PERMITS_DEFAULT_PORT = 4103;

export interface BuildingPermitsConfig {
  readonly server: SubgraphEnv;
  readonly urbanisme: UrbanismeAdapterOptions;
  /** Where applications Urbanisme could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
}

export function readBuildingPermitsConfig(env: NodeJS.ProcessEnv): BuildingPermitsConfig {
  const parsed = readConfig('subgraph-building-permits', subgraphEnvSchema(BUILDING_PERMITS_DEFAULT_PORT, env.NODE_ENV).extend({ ...urbanismeAdapterEnvSchema.shape, ...outboxEnvSchema.shape }), env);
  return { server: parsed, urbanisme: urbanismeAdapterOptionsFromEnv(parsed), outbox: outboxConfigFromEnv(parsed, 'building-permits') };
}
