/**
 * What a subgraph builds on, by concern — only the names subgraphs use; each folder's own index has the rest.
 * server: the schema and the HTTP server every subgraph runs; ministry: the one way a ministry subgraph is wired;
 * loaders: per-request batching and the process-wide identity cache; authorization: who may read or file what;
 * dossier: the graph's shared dossier types; input: client-input checks; fallback: last known values while a
 * ministry is out; legacy-health and cache-hints: what the gateway reads of each subgraph; outbox-feed: each ministry's
 * outbox outcomes, which the supervision subgraph reads; documents: supporting documents on a ministry's filings.
 */
export { buildFederatedSchema, createGatewayAuthenticator, startSubgraphServer, subgraphEnvSchema } from './server/index.js';
export type { CallerIdentity, ReferenceResolvers, SubgraphContext, SubgraphEnv } from './server/index.js';
export { buildMinistrySchema, defineMinistrySubgraph, readMinistrySubgraphConfig, runMinistrySubgraph, startMinistrySubgraph } from './ministry/index.js';
export type { MinistryContext } from './ministry/index.js';
export { batchLoader, cachedBatch, cachedCall, createTtlCache, listLoader } from './loaders/index.js';
export type { TtlCacheOptions } from './loaders/index.js';
export {
  asReceipt,
  canSeeAct,
  canSeeCitizen,
  CitizenDossierListReaders,
  DossierFilers,
  DossierReaders,
  DossierRecordReaders,
  forbiddenError,
  recordedWhenVisible,
  representsCompany,
  RequiresScopes,
  Scopes,
} from './authorization/index.js';
export {
  DateScalar,
  DateTimeScalar,
  decorateDossierFields,
  decorateLookupKey,
  decorateSealedListing,
  DossierFields,
  dossierListingFields,
  sealedListingField,
  DossierStatus,
  DossierStep,
  dossierView,
  MinistryCode,
  ProcedureRef,
} from './dossier/index.js';
export { assertNiu, assertReference, IsApplicantNiu, IsCommuneCode, IsCompanyNif, IsCompanyRccm, IsLandTitle, notFoundError, userInputError, fieldsInputError } from './input/index.js';
export { isSystemUnavailable } from './fallback/index.js';
export { LegacySystemHealthHub, legacySystemHealthHubReferenceResolvers, legacySystems } from './legacy-health/index.js';
export type { CacheHintRules } from './cache-hints/index.js';
export { createOutboxOutcomesRoute, OUTBOX_OUTCOMES_PATH, outboxOutcomesAnswerSchema } from './outbox-feed/index.js';
export type { OutboxOutcomeItem, OutboxOutcomesAnswer } from './outbox-feed/index.js';
export { AttachedDocumentInput, checkDocuments, DocumentKind, documentsFiling, FiledDocument, filedDocumentsOf, fileDocuments, forwardDocuments, ministryDocuments } from './documents/index.js';
export type { DocumentsContext } from './documents/index.js';
