import { z } from 'zod';
import { adapterKit, copyRequestInputSchema, type CivilActCopyRequestRecord } from '../../adapters/rnec/index.js';
import { shadowEvents } from '../../adapters/shared/index.js';
import { envInt } from '../../lib/config/index.js';
import type { Logger } from '../../lib/log/index.js';
import type { DocumentsConfig } from '../../documents/index.js';
import { defineMinistrySubgraph, ministryDocuments, type TtlCacheOptions } from '../shared/index.js';
import { buildCivilRegistrySchema } from './build-civil-registry-schema.js';
import { civilRegistryCacheHints } from './civil-registry-cache-hints.js';
import { civilRegistryContext } from './context.js';
import { requestEntitledCopy } from './copy-entitlement.js';
import { withIdentityCache } from './with-identity-cache.js';

/** The identity cache: persons and acts change rarely; a minute spares RNEC most repeated lookups. */
const identityCacheEnvSchema = z.object({
  IDENTITY_CACHE_TTL_MS: envInt(60_000, 0, 3_600_000),
  /** Per kind (persons, a person's acts, acts by number). Measured ≈ 0.6 KB a person, 1.4 KB a person's acts: ≈ 27 MB at most by default. */
  IDENTITY_CACHE_MAX_ENTRIES: envInt(10_000, 1, 1_000_000),
});

/** The subgraph's own variables: its identity cache's and the supporting documents' store's (`DOCUMENTS_*`). */
const civilRegistryEnvSchema = identityCacheEnvSchema.extend(ministryDocuments.ownEnv.schema.shape);

export interface CivilRegistryOwnConfig {
  /** Persons and acts read from RNEC, kept briefly for every request (IDENTITY_CACHE_TTL_MS, 0 = off). */
  readonly identityCache: TtlCacheOptions;
  /** Where the gateway puts uploads (the copy requests' supporting documents). */
  readonly documents: DocumentsConfig;
}

/** The civil-registry subgraph: persons, acts and copy requests of RNEC (registry row `civil-registry`). */
export const civilRegistry = defineMinistrySubgraph({
  name: 'civil-registry',
  adapter: adapterKit,
  buildSchema: buildCivilRegistrySchema,
  inputSchema: copyRequestInputSchema,
  queuedRecord: (common, input): CivilActCopyRequestRecord => ({
    ...common,
    actNumber: input.actNumber,
    copies: input.copies,
    // Act numbers carry the commune that registered them, whose office delivers the copies.
    deliveryCommuneCode: input.actNumber.split('-')[1] ?? '',
  }),
  notFoundMessage: (reference) => `Aucune demande de copie ${reference}.`,
  cacheHints: civilRegistryCacheHints,
  // Copy requests carry supporting documents (docs/documents.md): the files follow the request to RNEC through the
  // outbox's delivery, exactly once (completeDelivery). Its own variables are read below with the identity cache's.
  ...ministryDocuments,
  ownEnv: {
    schema: civilRegistryEnvSchema,
    read: (env): CivilRegistryOwnConfig => {
      const parsed = identityCacheEnvSchema.parse(env);
      return { identityCache: { ttlMs: parsed.IDENTITY_CACHE_TTL_MS, maxEntries: parsed.IDENTITY_CACHE_MAX_ENTRIES }, documents: ministryDocuments.ownEnv.read(env) };
    },
  },
  documents: (own) => own.documents,
  // Requests read persons and acts through the shared cache; the forwarder files against RNEC itself.
  forRequests: (rnec, own) => withIdentityCache(rnec, own.identityCache),
  // The forwarder checks the applicant's entitlement too: a request queued while RNEC was down was not checked.
  deliver: (rnec, input) => requestEntitledCopy(rnec, input),
  context: civilRegistryContext,
  companion: (log, options) => {
    const routing = options.routing;
    if (routing && (routing.mode !== 'soap' || Object.keys(routing.overrides ?? {}).length > 0)) {
      log.info({ mode: routing.mode, overrides: routing.overrides, shadowPrimary: routing.shadowPrimary }, 'RNEC routing: not SOAP everywhere');
    }
    return logShadowComparisons(log);
  },
});

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
