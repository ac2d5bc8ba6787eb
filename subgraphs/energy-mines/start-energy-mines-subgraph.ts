import { createMinesAdapter, type EnergyMinesApplicationRecord } from '../../adapters/mines/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { startMinistrySubgraph } from '../shared/index.js';
import { buildEnergyMinesSchema } from './build-energy-mines-schema.js';
import type { EnergyMinesConfig } from './config.js';
import { createEnergyMinesContext } from './context.js';
import { inputOfSubmission } from './queued-energy-mines-application.js';

export async function startEnergyMinesSubgraph(config: EnergyMinesConfig, log: Logger): Promise<RunningService> {
  const adapter = createMinesAdapter(config.mines);
  return startMinistrySubgraph<EnergyMinesApplicationRecord, ReturnType<typeof createEnergyMinesContext>>({
    name: 'energy-mines',
    system: 'mines',
    config,
    schema: await buildEnergyMinesSchema(),
    delivery: {
      find: (submission) => adapter.findDossierByExternalReference(submission.externalReference),
      create: (submission) => adapter.submitDossier(inputOfSubmission(submission)),
    },
    context: ({ outbox, lastKnown }, principal) => createEnergyMinesContext(adapter, outbox, lastKnown, principal),
    log,
  });
}
