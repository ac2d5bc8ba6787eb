import { createRnecAdapter, type CivilActCopyRequestRecord } from '../../adapters/rnec/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { startMinistrySubgraph } from '../shared/index.js';
import { buildCivilRegistrySchema } from './build-civil-registry-schema.js';
import type { CivilRegistryConfig } from './config.js';
import { createCivilRegistryContext } from './context.js';
import { requestEntitledCopy } from './copy-entitlement.js';
import { inputOfSubmission } from './queued-copy-request.js';

export async function startCivilRegistrySubgraph(config: CivilRegistryConfig, log: Logger): Promise<RunningService> {
  const rnec = createRnecAdapter(config.rnec);
  return startMinistrySubgraph<CivilActCopyRequestRecord, ReturnType<typeof createCivilRegistryContext>>({
    name: 'civil-registry',
    system: 'rnec',
    config,
    schema: await buildCivilRegistrySchema(),
    delivery: {
      find: (submission) => rnec.findCopyRequestByExternalReference(submission.externalReference),
      // The forwarder checks the applicant's entitlement too: a request queued while RNEC was down was not checked.
      create: (submission) => requestEntitledCopy(rnec, inputOfSubmission(submission)),
    },
    context: ({ outbox, lastKnown }, principal) => createCivilRegistryContext(rnec, outbox, lastKnown, principal),
    log,
  });
}
