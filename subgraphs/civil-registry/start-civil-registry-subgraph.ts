import { createRnecAdapter, type CivilActCopyRequestRecord } from '../../adapters/rnec/index.js';
import { shadowEvents } from '../../adapters/shared/index.js';
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
  const routing = config.rnec.routing;
  if (routing && (routing.mode !== 'soap' || Object.keys(routing.overrides ?? {}).length > 0)) {
    log.info({ mode: routing.mode, overrides: routing.overrides, shadowPrimary: routing.shadowPrimary }, 'RNEC routing: not SOAP everywhere');
  }
  const stopShadowLog = logShadowComparisons(log);
  const service = await startMinistrySubgraph<CivilActCopyRequestRecord, ReturnType<typeof createCivilRegistryContext>>({
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
  }).catch((error: unknown) => {
    stopShadowLog();
    throw error;
  });
  return {
    ...service,
    async close() {
      await service.close();
      stopShadowLog();
    },
  };
}

/**
 * Shadow comparisons (RNEC_MODE=shadow) in the log: a mismatch names the operation and the differing field paths
 * (never a value: they are personal data), a failed shadow call its code. Counted in /metrics as well.
 */
function logShadowComparisons(log: Logger): () => void {
  return shadowEvents.subscribe((event) => {
    if (event.system !== 'rnec') return;
    const { operation, primary, secondary, fields, code } = event;
    if (event.result === 'mismatch') log.warn({ system: 'rnec', operation, primary, secondary, fields }, 'shadow comparison: answers differ');
    else if (event.result === 'secondary_error') log.info({ system: 'rnec', operation, secondary, code }, 'shadow comparison: the shadow call failed');
    else if (event.result === 'skipped') log.debug({ system: 'rnec', operation }, 'shadow comparison skipped: too many shadow calls in flight');
  });
}
