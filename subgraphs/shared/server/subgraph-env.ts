import { z } from 'zod';
import { internalTokenEnvSchema } from '../../../auth/index.js';
import { envHost, envInt, envLogLevel, envNodeEnv, envPort } from '../../../lib/config/index.js';
import { metricsEnvSchema } from '../../../lib/metrics/index.js';
import { tracingEnvSchema } from '../../../lib/trace/index.js';
import { cacheHintEnvSchema } from '../cache-hints/index.js';

/**
 * Environment every subgraph reads; each adds its adapters' variables. `nodeEnv` decides whether the development
 * internal-token secret is acceptable (never in production).
 */
export const subgraphEnvSchema = (defaultPort: number, nodeEnv: string | undefined) =>
  z.object({
    HOST: envHost(),
    PORT: envPort(defaultPort),
    NODE_ENV: envNodeEnv(),
    LOG_LEVEL: envLogLevel(),
    ...internalTokenEnvSchema(nodeEnv).shape,
    /**
     * Longest a request may take here, legacy calls included: the bound on what the gateway's `x-guichet-deadline-ms`
     * may grant, and the deadline of a request that carries none.
     */
    REQUEST_DEADLINE_MS: envInt(8_000, 1, 600_000),
    /** Last known dossiers kept per process, served marked stale while the ministry is unreachable. */
    LAST_KNOWN_MAX_ENTRIES: envInt(20_000, 1),
    LAST_KNOWN_MAX_AGE_MS: envInt(7 * 24 * 3_600_000, 1),
    /** Max-ages of the cache hints the subgraph declares (CACHE_PUBLIC_MAX_AGE_S, CACHE_IDENTITY_MAX_AGE_S). */
    ...cacheHintEnvSchema.shape,
    /** Who may read `/metrics` (METRICS_TOKEN; default: this machine only). */
    ...metricsEnvSchema.shape,
    /** OTLP span export (OTEL_EXPORTER_OTLP_ENDPOINT…; default off). */
    ...tracingEnvSchema.shape,
  });

export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;
