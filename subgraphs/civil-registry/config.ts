import { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv, type RnecAdapterOptions } from '../../adapters/rnec/index.js';
import { readConfig } from '../../lib/config/index.js';
import { outboxConfigFromEnv, outboxEnvSchema, type OutboxConfig } from '../../outbox/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';

export const CIVIL_REGISTRY_DEFAULT_PORT = 4101;

export interface CivilRegistryConfig {
  readonly server: SubgraphEnv;
  readonly rnec: RnecAdapterOptions;
  /** Where copy requests RNEC could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
}

export function readCivilRegistryConfig(env: NodeJS.ProcessEnv): CivilRegistryConfig {
  const parsed = readConfig('subgraph-civil-registry', subgraphEnvSchema(CIVIL_REGISTRY_DEFAULT_PORT, env.NODE_ENV).extend({ ...rnecAdapterEnvSchema.shape, ...outboxEnvSchema.shape }), env);
  return { server: parsed, rnec: rnecAdapterOptionsFromEnv(parsed), outbox: outboxConfigFromEnv(parsed, 'civil-registry') };
}
