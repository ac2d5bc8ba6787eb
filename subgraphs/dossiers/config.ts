import { readAuditReaderConfig } from '../../audit/index.js';
import { readConfig } from '../../lib/config/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';

export const DOSSIERS_DEFAULT_PORT = 4104;

export interface DossiersConfig {
  readonly server: SubgraphEnv;
  /** The audit trail the gateway writes (AUDIT_LOG_PATH), read for `me { accessLog }`. */
  readonly auditLogPath: string;
}

export function readDossiersConfig(env: NodeJS.ProcessEnv): DossiersConfig {
  return {
    server: readConfig('subgraph-dossiers', subgraphEnvSchema(DOSSIERS_DEFAULT_PORT, env.NODE_ENV), env),
    auditLogPath: readAuditReaderConfig('subgraph-dossiers', env).path,
  };
}
