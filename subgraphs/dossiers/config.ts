import { readAuditReaderConfig, type AuditDatabaseConfig } from '../../audit/index.js';
import { readConfig } from '../../lib/config/index.js';
import { subgraphEnvSchema, type SubgraphEnv } from '../shared/index.js';

export const DOSSIERS_DEFAULT_PORT = 4104;

export interface DossiersConfig {
  readonly server: SubgraphEnv;
  /** The audit trail the gateway writes (AUDIT_LOG_PATH), read for `me { accessLog }`. */
  readonly auditLogPath: string;
  /** Scaled mode (`DATABASE_URL`): the trail in PostgreSQL that every gateway replica writes, read instead of the file. */
  readonly auditDatabase?: AuditDatabaseConfig;
}

export function readDossiersConfig(env: NodeJS.ProcessEnv): DossiersConfig {
  const audit = readAuditReaderConfig('subgraph-dossiers', env);
  return {
    server: readConfig('subgraph-dossiers', subgraphEnvSchema(DOSSIERS_DEFAULT_PORT, env.NODE_ENV), env),
    auditLogPath: audit.path,
    ...(audit.database ? { auditDatabase: audit.database } : {}),
  };
}
