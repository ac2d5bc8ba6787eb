import { createCeetAdapter, type ElectricityRequestRecord } from '../../adapters/ceet/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { createGatewayAuthenticator, createLastKnownStore, createMinistryOutbox, ministryReadiness, startSubgraphServer } from '../shared/index.js';
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
  // Last versions seen, process-wide: what status reads fall back to while the ministry is unreachable.
  const lastKnown = createLastKnownStore<ElectricityRequestRecord>({ maxEntries: config.server.LAST_KNOWN_MAX_ENTRIES, maxAgeMs: config.server.LAST_KNOWN_MAX_AGE_MS });
  // Resumes whatever a previous process left queued.
  outbox.start();
  return startSubgraphServer({
    name: 'electricity',
    schema: await buildElectricitySchema(),
    env: config.server,
    log,
    authenticate: createGatewayAuthenticator(config.server.INTERNAL_TOKEN_SECRET),
    context: async (caller) => createElectricityContext(ceet, outbox, lastKnown, caller.principal),
    // After the HTTP drain: in-flight submissions may still hold outbox leases.
    onClose: () => outbox.close(),
    readiness: ministryReadiness('ceet', outbox),
  });
}
