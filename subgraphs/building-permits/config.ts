import { urbanismeAdapterEnvSchema, urbanismeAdapterOptionsFromEnv, type UrbanismeAdapterOptions } from '../../adapters/urbanisme/index.js';
import type { OutboxConfig } from '../../outbox/index.js';
import { readMinistrySubgraphConfig, type SubgraphEnv } from '../shared/index.js';

export const BUILDING_PERMITS_DEFAULT_PORT = 4103;

export interface BuildingPermitsConfig {
  readonly server: SubgraphEnv;
  readonly urbanisme: UrbanismeAdapterOptions;
  /** Where applications Urbanisme could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
}

export function readBuildingPermitsConfig(env: NodeJS.ProcessEnv): BuildingPermitsConfig {
  const { server, adapter, outbox } = readMinistrySubgraphConfig(env, 'building-permits', BUILDING_PERMITS_DEFAULT_PORT, { envSchema: urbanismeAdapterEnvSchema, optionsFromEnv: urbanismeAdapterOptionsFromEnv });
  return { server, urbanisme: adapter, outbox };
}
