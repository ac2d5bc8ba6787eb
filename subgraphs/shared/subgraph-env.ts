import { z } from 'zod';
import { envHost, envLogLevel, envNodeEnv, envPort } from '../../lib/config/index.js';

/** Environment every subgraph reads; each adds its adapters' variables. */
export const subgraphEnvSchema = (defaultPort: number) =>
  z.object({
    HOST: envHost(),
    PORT: envPort(defaultPort),
    NODE_ENV: envNodeEnv(),
    LOG_LEVEL: envLogLevel(),
  });

export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;
