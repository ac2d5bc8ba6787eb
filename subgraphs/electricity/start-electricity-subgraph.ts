import { createCeetAdapter, type ElectricityRequestRecord } from '../../adapters/ceet/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, createMinistryOutbox, startSubgraphServer } from '../shared/index.js';
import { buildElectricitySchema } from './build-electricity-schema.js';
import type { ElectricityConfig } from './config.js';
import { createElectricityContext } from './context.js';
import { inputOfSubmission } from './queued-request.js';

export async function startElectricitySubgraph(config: ElectricityConfig, log: Logger): Promise<RunningService> {
  const ceet = createCeetAdapter(config.ceet);
  const outbox = createMinistryOutbox<ElectricityRequestRecord>({
    name: 'electricity',
    system: 'ceet',
    config: config.outbox,
    delivery: {
      find: (submission) => ceet.findRequestByExternalReference(submission.externalReference),
      create: (submission) => ceet.submitRequest(inputOfSubmission(submission)),
    },
    log,
  });
  // Resumes whatever a previous process left queued.
  outbox.start();
  return startSubgraphServer({
    name: 'electricity',
    schema: await buildElectricitySchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => createElectricityContext(ceet, outbox, caller.principal),
    // After the HTTP drain: in-flight submissions may still hold outbox leases.
    onClose: () => outbox.close(),
  });
}
