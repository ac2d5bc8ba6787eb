import { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv, type RnecAdapterOptions } from '../../adapters/rnec/index.js';
import { readConfig } from '../../lib/config/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';

export const CIVIL_REGISTRY_DEFAULT_PORT = 4101;

export interface CivilRegistryConfig {
  readonly server: SubgraphEnv;
  readonly rnec: RnecAdapterOptions;
}

export function readCivilRegistryConfig(env: NodeJS.ProcessEnv): CivilRegistryConfig {
  const parsed = readConfig('subgraph-civil-registry', subgraphEnvSchema(CIVIL_REGISTRY_DEFAULT_PORT, env.NODE_ENV).extend(rnecAdapterEnvSchema.shape), env);
  return { server: parsed, rnec: rnecAdapterOptionsFromEnv(parsed) };
}
