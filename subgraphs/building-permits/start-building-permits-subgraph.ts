import { createUrbanismeAdapter, type BuildingPermitRecord } from '../../adapters/urbanisme/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { startMinistrySubgraph } from '../shared/index.js';
import { buildBuildingPermitsSchema } from './build-building-permits-schema.js';
import type { BuildingPermitsConfig } from './config.js';
import { createBuildingPermitsContext } from './context.js';
import { inputOfSubmission } from './queued-application.js';

export async function startBuildingPermitsSubgraph(config: BuildingPermitsConfig, log: Logger): Promise<RunningService> {
  const urbanisme = createUrbanismeAdapter(config.urbanisme);
  return startMinistrySubgraph<BuildingPermitRecord, ReturnType<typeof createBuildingPermitsContext>>({
    name: 'building-permits',
    system: 'urbanisme',
    config,
    schema: await buildBuildingPermitsSchema(),
    delivery: {
      // Urbanisme cannot search by external reference: the applicant's dossiers are listed and matched.
      find: (submission) => urbanisme.findDossierByExternalReference(submission.externalReference, submission.applicantNiu),
      create: (submission) => urbanisme.submitDossier(inputOfSubmission(submission)),
    },
    context: ({ outbox, lastKnown }, principal) => createBuildingPermitsContext(urbanisme, outbox, lastKnown, principal),
    log,
  });
}
