import { z } from 'zod';

export const explorerEnvSchema = z.object({
  /** Serve the explorer (GraphiQL) on a browser's GET of `/graphql`. Default: on outside production, off in production. */
  EXPLORER_ENABLED: z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' }).optional(),
});

export type ExplorerEnv = z.infer<typeof explorerEnvSchema>;

export interface ExplorerSettings {
  /** False: a browser's GET of `/graphql` gets a page saying how to query, and the explorer's routes do not exist. */
  readonly enabled: boolean;
}

/** On by default where a developer works; a production gateway serves it only when told to (`EXPLORER_ENABLED=true`). */
export function explorerSettingsFromEnv(env: ExplorerEnv, nodeEnv: 'development' | 'production' | 'test'): ExplorerSettings {
  const value = env.EXPLORER_ENABLED;
  return { enabled: value === undefined ? nodeEnv !== 'production' : value === 'true' || value === '1' || value === 'yes' };
}
