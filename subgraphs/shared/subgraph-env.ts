import { z } from 'zod';
import { internalTokenEnvSchema } from '../../auth/index.js';
import { envHost, envLogLevel, envNodeEnv, envPort } from '../../lib/config/index.js';

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
  });

export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;
