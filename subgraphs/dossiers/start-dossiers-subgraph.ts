import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, startSubgraphServer } from '../shared/index.js';
import { createFileAuditStore, createPostgresAuditStore } from '../../audit/index.js';
import { createPgPool } from '../../lib/postgres/index.js';
import { buildDossiersSchema } from './build-dossiers-schema.js';
import { dossiersCacheHints } from './dossiers-cache-hints.js';
import { createDossiersContext } from './context.js';
import type { DossiersConfig } from './config.js';

export async function startDossiersSubgraph(config: DossiersConfig, log: Logger): Promise<RunningService> {
  // A reader of the trail the gateway writes: no key, no writes — the shared PostgreSQL trail in scaled mode.
  const database = config.auditDatabase;
  const accessLog =
    database === undefined
      ? createFileAuditStore({ path: config.auditLogPath })
      : createPostgresAuditStore({
          pool: createPgPool({ url: database.url, applicationName: 'guichet-dossiers', max: database.poolMax, onError: (error) => log.warn({ err: error }, 'audit trail: idle connection lost') }),
          ownsPool: true,
        });
  return startSubgraphServer({
    name: 'dossiers',
    schema: await buildDossiersSchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => createDossiersContext(caller, accessLog),
    cacheHints: dossiersCacheHints,
  });
}
