import { createCeetAdapter } from '../../adapters/ceet/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, startSubgraphServer } from '../shared/index.js';
import { buildElectricitySchema } from './build-electricity-schema.js';
import type { ElectricityConfig } from './config.js';
import { createElectricityContext } from './context.js';

export async function startElectricitySubgraph(config: ElectricityConfig, log: Logger): Promise<RunningService> {
  const ceet = createCeetAdapter(config.ceet);
  return startSubgraphServer({
    name: 'electricity',
    schema: await buildElectricitySchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => createElectricityContext(ceet, caller.principal),
  });
}
