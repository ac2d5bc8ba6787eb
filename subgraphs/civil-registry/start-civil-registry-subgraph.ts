import { createRnecAdapter, type CivilActCopyRequestRecord } from '../../adapters/rnec/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { startMinistrySubgraph } from '../shared/index.js';
import { buildCivilRegistrySchema } from './build-civil-registry-schema.js';
import { civilRegistryCacheHints } from './civil-registry-cache-hints.js';
import type { CivilRegistryConfig } from './config.js';
import { createCivilRegistryContext } from './context.js';
import { requestEntitledCopy } from './copy-entitlement.js';
import { inputOfSubmission } from './queued-copy-request.js';
import { withIdentityCache } from './with-identity-cache.js';

export async function startCivilRegistrySubgraph(config: CivilRegistryConfig, log: Logger): Promise<RunningService> {
  const rnec = createRnecAdapter(config.rnec);
  const cachedRnec = withIdentityCache(rnec, config.identityCache);
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
    // Requests read persons and acts through the shared cache; the forwarder above files against RNEC itself.
    context: ({ outbox, lastKnown }, principal) => createCivilRegistryContext(cachedRnec, outbox, lastKnown, principal),
    log,
    cacheHints: civilRegistryCacheHints,
  });
}
