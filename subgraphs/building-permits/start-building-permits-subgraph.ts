import { createUrbanismeAdapter } from '../../adapters/urbanisme/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, startSubgraphServer } from '../shared/index.js';
import { buildBuildingPermitsSchema } from './build-building-permits-schema.js';
import type { BuildingPermitsConfig } from './config.js';
import { createBuildingPermitsContext } from './context.js';

export async function startBuildingPermitsSubgraph(config: BuildingPermitsConfig, log: Logger): Promise<RunningService> {
  const urbanisme = createUrbanismeAdapter(config.urbanisme);
  return startSubgraphServer({
    name: 'building-permits',
    schema: await buildBuildingPermitsSchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => createBuildingPermitsContext(urbanisme, caller.principal),
  });
}
