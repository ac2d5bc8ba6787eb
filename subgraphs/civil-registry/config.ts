import { z } from 'zod';
import { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv, type RnecAdapterOptions } from '../../adapters/rnec/index.js';
import { envInt, readConfig } from '../../lib/config/index.js';
import { outboxConfigFromEnv, outboxEnvSchema, type OutboxConfig } from '../../outbox/index.js';
import { subgraphEnvSchema, type SubgraphEnv, type TtlCacheOptions } from '../shared/index.js';

export const CIVIL_REGISTRY_DEFAULT_PORT = 4101;

export interface CivilRegistryConfig {
  readonly server: SubgraphEnv;
  readonly rnec: RnecAdapterOptions;
  /** Where copy requests RNEC could not take yet wait (OUTBOX_PATH). */
  readonly outbox: OutboxConfig;
  /** Persons and acts read from RNEC, kept briefly for every request (IDENTITY_CACHE_TTL_MS, 0 = off). */
  readonly identityCache: TtlCacheOptions;
}

/** The identity cache: persons and acts change rarely; a minute spares RNEC most repeated lookups. */
const identityCacheEnvSchema = z.object({
  IDENTITY_CACHE_TTL_MS: envInt(60_000, 0, 3_600_000),
  /** Per kind (persons, a person's acts, acts by number). Measured ≈ 0.6 KB a person, 1.4 KB a person's acts: ≈ 27 MB at most by default. */
  IDENTITY_CACHE_MAX_ENTRIES: envInt(10_000, 1, 1_000_000),
});

export function readCivilRegistryConfig(env: NodeJS.ProcessEnv): CivilRegistryConfig {
  const schema = subgraphEnvSchema(CIVIL_REGISTRY_DEFAULT_PORT, env.NODE_ENV).extend({ ...rnecAdapterEnvSchema.shape, ...outboxEnvSchema.shape, ...identityCacheEnvSchema.shape });
  const parsed = readConfig('subgraph-civil-registry', schema, env);
  return {
    server: parsed,
    rnec: rnecAdapterOptionsFromEnv(parsed),
    outbox: outboxConfigFromEnv(parsed, 'civil-registry'),
    identityCache: { ttlMs: parsed.IDENTITY_CACHE_TTL_MS, maxEntries: parsed.IDENTITY_CACHE_MAX_ENTRIES },
  };
}
