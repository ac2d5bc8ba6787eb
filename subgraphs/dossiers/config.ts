import { readConfig } from '../../lib/config/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';

export const DOSSIERS_DEFAULT_PORT = 4104;

export interface DossiersConfig {
  readonly server: SubgraphEnv;
}

export function readDossiersConfig(env: NodeJS.ProcessEnv): DossiersConfig {
  return { server: readConfig('subgraph-dossiers', subgraphEnvSchema(DOSSIERS_DEFAULT_PORT, env.NODE_ENV), env) };
}
