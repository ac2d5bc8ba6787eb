import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, startSubgraphServer } from '../shared/index.js';
import { buildDossiersSchema } from './build-dossiers-schema.js';
import type { DossiersConfig } from './config.js';

export async function startDossiersSubgraph(config: DossiersConfig, log: Logger): Promise<RunningService> {
  return startSubgraphServer({
    name: 'dossiers',
    schema: await buildDossiersSchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => ({ ...caller }),
  });
}
