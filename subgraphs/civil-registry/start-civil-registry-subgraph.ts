import { createRnecAdapter, type CivilActCopyRequestRecord } from '../../adapters/rnec/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, createLastKnownStore, createMinistryOutbox, ministryReadiness, startSubgraphServer } from '../shared/index.js';
import { buildCivilRegistrySchema } from './build-civil-registry-schema.js';
import type { CivilRegistryConfig } from './config.js';
import { createCivilRegistryContext } from './context.js';
import { requestEntitledCopy } from './copy-entitlement.js';
import { inputOfSubmission } from './queued-copy-request.js';

export async function startCivilRegistrySubgraph(config: CivilRegistryConfig, log: Logger): Promise<RunningService> {
  const rnec = createRnecAdapter(config.rnec);
  const outbox = createMinistryOutbox<CivilActCopyRequestRecord>({
    name: 'civil-registry',
    system: 'rnec',
    config: config.outbox,
    delivery: {
      find: (submission) => rnec.findCopyRequestByExternalReference(submission.externalReference),
      create: (submission) => requestEntitledCopy(rnec, inputOfSubmission(submission)),
    },
    log,
  });
  // Last versions seen, process-wide: what status reads fall back to while the ministry is unreachable.
  const lastKnown = createLastKnownStore<CivilActCopyRequestRecord>({ maxEntries: config.server.LAST_KNOWN_MAX_ENTRIES, maxAgeMs: config.server.LAST_KNOWN_MAX_AGE_MS });
  // Resumes whatever a previous process left queued.
  outbox.start();
  return startSubgraphServer({
    name: 'civil-registry',
    schema: await buildCivilRegistrySchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => createCivilRegistryContext(rnec, outbox, lastKnown, caller.principal),
    // After the HTTP drain: in-flight submissions may still hold outbox leases.
    onClose: () => outbox.close(),
    readiness: ministryReadiness('rnec', outbox),
  });
}
