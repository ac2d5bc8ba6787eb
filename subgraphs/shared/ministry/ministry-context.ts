import type { ZodType } from 'zod';
import { AdapterError, type MinistryDossierAdapter } from '../../../adapters/shared/index.js';
import { createAccessRecorder } from '../../../audit/index.js';
import type { Principal } from '../../../auth/index.js';
import type { DocumentStore } from '../../../documents/index.js';
import type { DossierSystem } from '../../../schema/index.js';
import { dossierLoaders, type DossierLoaders, type DossierLoadersOptions } from '../loaders/dossier-loaders.js';
import { submitDossier, type Filing } from '../submissions/index.js';
import type { SubgraphContext } from '../server/subgraph-context.js';
import type { MinistryRecord } from './ministry-subgraph.js';
import type { ListingSeal } from '../listing-seal/index.js';

/** What every ministry subgraph's resolvers get per request. */
export interface MinistryContext<R extends MinistryRecord, A, I extends object = InputOf<A>> extends SubgraphContext {
  /** The ministry's adapter, for what only it offers (worklist pages, acts…). */
  readonly adapter: A;
  /** The ministry's dossiers, by reference and by citizen, with the visibility rule and the audit trail (fresh per request). */
  readonly dossiers: DossierLoaders<R>;
  /** Files an application the one shared way (see submitDossier); answers the ministry's record or Guichet's. */
  readonly submit: (filing: Filing<R, I>) => Promise<R>;
  /** The supporting documents' store, for a ministry that takes them (`MinistrySubgraph.documents`); else absent. */
  readonly documents?: DocumentStore;
}

/** The input type of an adapter's `submitDossier`. */
export type InputOf<A> = A extends MinistryDossierAdapter<infer _R, infer I> ? (I extends object ? I : never) : never;

/**
 * What a ministry keeps for the life of its process, handed to each request's context: what its dossier loaders are
 * built from (system, ministry, outbox, last-known store, queued record), and what filing needs besides.
 */
export interface MinistryParts<R extends MinistryRecord, A, I extends object> extends Pick<DossierLoadersOptions<R>, 'system' | 'ministry' | 'outbox' | 'lastKnown' | 'queuedRecord' | 'freshness'> {
  /** Citizens' lists seal their newest records for the page's entity fetches (absent or 0: never). */
  readonly listingSeal?: { readonly seal: ListingSeal; readonly maxSealed: number };
  readonly referencePrefix: DossierSystem;
  readonly adapter: A;
  readonly inputSchema: ZodType<I>;
  readonly notFoundMessage: (reference: string) => string;
  readonly documents?: DocumentStore;
}

/** Fresh loaders per request: batching within a request, no stale data across requests. */
export function createMinistryContext<R extends MinistryRecord, I extends object, A extends MinistryDossierAdapter<R, I>>(
  parts: MinistryParts<R, A, I>,
  principal: Principal,
  traceId?: string,
): MinistryContext<R, A, I> {
  const { system, ministry, adapter, outbox, lastKnown, queuedRecord } = parts;
  const access = createAccessRecorder();
  const dossiers = dossierLoaders({
    system,
    ministry,
    principal,
    access,
    lastKnown,
    outbox,
    queuedRecord,
    ...(parts.freshness ? { freshness: parts.freshness } : {}),
    ...(parts.listingSeal ? { listingSeal: { ...parts.listingSeal, traceId } } : {}),
    getMany: (references) => adapter.getDossiers(references),
    listOfCitizen: (niu) => adapter.listDossiersOfCitizen(niu),
    notFound: (reference) =>
      new AdapterError({ code: 'NOT_FOUND', system, operation: 'getDossiers', retryable: false, message: `no dossier ${reference}`, userMessage: parts.notFoundMessage(reference) }),
  });
  const desk = { system, referencePrefix: parts.referencePrefix, principal, access, outbox, inputSchema: parts.inputSchema, queuedRecord };
  return { principal, access, adapter, dossiers, submit: (filing) => submitDossier(desk, filing), ...(parts.documents ? { documents: parts.documents } : {}) };
}
