import { createUrbanismeAdapter, type BuildingPermitRecord } from '../../adapters/urbanisme/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, createMinistryOutbox, startSubgraphServer } from '../shared/index.js';
import { buildBuildingPermitsSchema } from './build-building-permits-schema.js';
import type { BuildingPermitsConfig } from './config.js';
import { createBuildingPermitsContext } from './context.js';
import { inputOfSubmission } from './queued-application.js';

export async function startBuildingPermitsSubgraph(config: BuildingPermitsConfig, log: Logger): Promise<RunningService> {
  const urbanisme = createUrbanismeAdapter(config.urbanisme);
  const outbox = createMinistryOutbox<BuildingPermitRecord>({
    name: 'building-permits',
    system: 'urbanisme',
    config: config.outbox,
    delivery: {
      find: (submission) => urbanisme.findApplicationByExternalReference(submission.applicantNiu, submission.externalReference),
      create: (submission) => urbanisme.submitApplication(inputOfSubmission(submission)),
    },
    log,
  });
  // Resumes whatever a previous process left queued.
  outbox.start();
  return startSubgraphServer({
    name: 'building-permits',
    schema: await buildBuildingPermitsSchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => createBuildingPermitsContext(urbanisme, outbox, caller.principal),
    // After the HTTP drain: in-flight submissions may still hold outbox leases.
    onClose: () => outbox.close(),
  });
}
