import { createRnecAdapter } from '../../adapters/rnec/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, startSubgraphServer } from '../shared/index.js';
import { buildCivilRegistrySchema } from './build-civil-registry-schema.js';
import type { CivilRegistryConfig } from './config.js';
import { createCivilRegistryContext } from './context.js';

export async function startCivilRegistrySubgraph(config: CivilRegistryConfig, log: Logger): Promise<RunningService> {
  const rnec = createRnecAdapter(config.rnec);
  return startSubgraphServer({
    name: 'civil-registry',
    schema: await buildCivilRegistrySchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => createCivilRegistryContext(rnec, caller.principal),
  });
}
