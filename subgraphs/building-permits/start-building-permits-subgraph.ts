import { createUrbanismeAdapter, type BuildingPermitRecord } from '../../adapters/urbanisme/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, createLastKnownStore, createMinistryOutbox, ministryReadiness, startSubgraphServer } from '../shared/index.js';
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
  // Last versions seen, process-wide: what status reads fall back to while the ministry is unreachable.
  const lastKnown = createLastKnownStore<BuildingPermitRecord>({ maxEntries: config.server.LAST_KNOWN_MAX_ENTRIES, maxAgeMs: config.server.LAST_KNOWN_MAX_AGE_MS });
  // Resumes whatever a previous process left queued.
  outbox.start();
  return startSubgraphServer({
    name: 'building-permits',
    schema: await buildBuildingPermitsSchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => createBuildingPermitsContext(urbanisme, outbox, lastKnown, caller.principal),
    // After the HTTP drain: in-flight submissions may still hold outbox leases.
    onClose: () => outbox.close(),
    readiness: ministryReadiness('urbanisme', outbox),
  });
}
