import { createCeetAdapter, type ElectricityRequestRecord } from '../../adapters/ceet/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { startMinistrySubgraph } from '../shared/index.js';
import { buildElectricitySchema } from './build-electricity-schema.js';
import type { ElectricityConfig } from './config.js';
import { createElectricityContext } from './context.js';
import { inputOfSubmission } from './queued-request.js';

export async function startElectricitySubgraph(config: ElectricityConfig, log: Logger): Promise<RunningService> {
  const ceet = createCeetAdapter(config.ceet);
  return startMinistrySubgraph<ElectricityRequestRecord, ReturnType<typeof createElectricityContext>>({
    name: 'electricity',
    system: 'ceet',
    config,
    schema: await buildElectricitySchema(),
    delivery: {
      find: (submission) => ceet.findDossierByExternalReference(submission.externalReference),
      create: (submission) => ceet.submitDossier(inputOfSubmission(submission)),
    },
    context: ({ outbox, lastKnown }, principal) => createElectricityContext(ceet, outbox, lastKnown, principal),
    log,
  });
}
