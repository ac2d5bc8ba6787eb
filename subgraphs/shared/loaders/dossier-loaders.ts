import type DataLoader from 'dataloader';
import type { AccessRecorder } from '../../../audit/index.js';
import type { Principal } from '../../../auth/index.js';
import type { LegacyRecord, Outbox, Submission } from '../../../outbox/index.js';
import { companyAuditSubject, type LegacySystem, type MinistryCode } from '../../../schema/index.js';
import { canSeeDossier, recordedWhenVisible } from '../authorization/index.js';
import { batchLoader, listLoader } from './batch-loader.js';
import { withLastKnown, withLastKnownList, type LastKnown } from '../fallback/index.js';
import { withGuichetReferences } from '../submissions/index.js';
import { withFeedFreshness, type FeedFreshness, type FeedFreshnessCounters } from '../freshness/index.js';
import type { KnownRecord } from '../fallback/index.js';
import { referenceOfLookup, type ListingSeal } from '../listing-seal/index.js';
import { currentDeadline } from '../../../lib/deadline/index.js';

/**
 * A ministry's dossier, as its subgraph loads it: by reference, and as a citizen's list. `company` is set when it was
 * filed for a company (`applicantNiu` is then its representative who filed): the company's, not the citizen's.
 */
export type LoadedDossier = LegacyRecord & { readonly reference: string; readonly applicantNiu: string; readonly company?: { readonly nif: string } | null };

/** Whose data a dossier is, for the audit trail: the applicant and, for a company's, the company too. */
const dataSubjectsOf = (record: LoadedDossier): readonly string[] => (record.company ? [record.applicantNiu, companyAuditSubject(record.company.nif)] : [record.applicantNiu]);

export interface DossierLoadersOptions<R extends LoadedDossier> {
  readonly system: LegacySystem;
  /** Whose agents may see the dossiers (`agent:<MINISTRY>`). */
  readonly ministry: MinistryCode;
  readonly principal: Principal;
  /** Where each dossier the caller sees goes on the audit trail. */
  readonly access: AccessRecorder;
  readonly lastKnown: LastKnown<R>;
  readonly outbox: Outbox<R>;
  /** A submission Guichet still holds, as a record. */
  readonly queuedRecord: (submission: Submission) => R;
  /** The adapter's batch read by reference. */
  readonly getMany: (references: readonly string[]) => Promise<ReadonlyMap<string, R>>;
  /** The adapter's read of one citizen's dossiers. */
  readonly listOfCitizen: (niu: string) => Promise<readonly R[]>;
  /** The NOT_FOUND of a reference the system does not know or the caller may not see. */
  readonly notFound: (reference: string) => Error;
  /** Records the change feed proves unchanged answer reads by reference without a legacy call; absent: always read. */
  readonly freshness?: { readonly freshness: FeedFreshness<KnownRecord<R>>; readonly counters: FeedFreshnessCounters };
  /**
   * A citizen's list seals its most recently updated records (`maxSealed`) for the page's entity fetches of the same
   * request (trace `traceId`), which open them instead of reading the system again; absent: never sealed.
   */
  readonly listingSeal?: { readonly seal: ListingSeal; readonly maxSealed: number; readonly traceId?: string | undefined };
}

export interface DossierLoaders<R> {
  /** Whether the caller may see a record (and puts it on the audit trail when so). */
  readonly visible: (record: R) => boolean;
  /**
   * A page of the ministry's worklist as the caller may see it: every record through `visible` (so on the audit
   * trail, as by every other path), then primed for the page's entity fetches.
   */
  readonly worklist: (records: readonly R[]) => R[];
  readonly byReference: DataLoader<string, R>;
  readonly ofCitizen: DataLoader<string, readonly R[]>;
  /**
   * A citizen's dossiers as the caller may see them, primed for the page's entity fetches of the same request; the
   * most recently updated carry `sealedListing`, for those of the same gateway request.
   */
  readonly listOfCitizen: (niu: string) => Promise<readonly (R & { readonly sealedListing?: string })[]>;
  /**
   * A dossier by its hidden `lookup` key: a sealed listing that opens for this caller and trace is served as its list
   * read it (through the same visibility rule and audit record), anything else is read by reference.
   */
  readonly byLookup: (lookup: string) => Promise<R>;
}

/**
 * One request's loaders of a ministry's dossiers: last known records when the system is out (a citizen's list too),
 * Guichet references answered from the outbox, queued submissions added to a citizen's list, and the same
 * visibility rule and audit trail for every path.
 */
export function dossierLoaders<R extends LoadedDossier>(options: DossierLoadersOptions<R>): DossierLoaders<R> {
  const { system, ministry, principal, access, lastKnown, outbox, queuedRecord } = options;
  const mayServe = (record: R) => canSeeDossier(principal, ministry, record.applicantNiu, record.company?.nif ?? null);
  // A citizen's list, remembered so an outage answers with the last known one (marked stale).
  const citizenList = withLastKnownList((niu: string) => options.listOfCitizen(niu), lastKnown);
  const visible = recordedWhenVisible(mayServe, access, system, dataSubjectsOf);
  const read = withLastKnown((references: readonly string[]) => options.getMany(references), lastKnown, { mayServe });
  const byReference = batchLoader(
    withGuichetReferences<R | Error>(options.freshness ? withFeedFreshness(read, options.freshness.freshness, options.freshness.counters) : read, outbox, queuedRecord),
    options.notFound,
    visible,
  );
  // A company's dossiers are not its representative's own: the systems list them under the NIU that filed them.
  const ofCitizen = listLoader(async (niu: string) => [...(await citizenList(niu)), ...(await outbox.listForApplicant(niu)).map(queuedRecord)].filter((r) => !r.company), visible);
  const primed = (records: readonly R[]) => {
    for (const record of records) byReference.prime(record.reference, record);
    return records;
  };
  const sealing = options.listingSeal;
  const binding = { principal, traceId: sealing?.traceId };
  const sealNewest = (records: readonly R[]): readonly (R & { readonly sealedListing?: string })[] => {
    if (!sealing || sealing.maxSealed === 0 || records.length === 0) return records;
    const sealed = new Set(newestFirst(records).slice(0, sealing.maxSealed));
    // Bound to the request's deadline: a seal never opens after the request it was made for is over.
    const remainingMs = currentDeadline()?.remainingMs();
    return records.map((record) => (sealed.has(record) ? { ...record, sealedListing: sealing.seal.seal(record, binding, remainingMs) } : record));
  };
  return {
    visible,
    byReference,
    worklist: (records) => primed(records.filter(visible)) as R[],
    ofCitizen,
    listOfCitizen: async (niu) => sealNewest(primed(await ofCitizen.load(niu))),
    async byLookup(lookup) {
      const reference = referenceOfLookup(lookup);
      const opened = sealing ? sealing.seal.open<R>(lookup, binding) : undefined;
      if (opened === undefined || !('record' in opened)) return byReference.load(reference);
      // The same rule, and the same audit record, as a read by reference; a record the caller may no longer see is
      // the same NOT_FOUND.
      if (!visible(opened.record)) throw options.notFound(reference);
      byReference.prime(reference, opened.record);
      return opened.record;
    },
  };
}

/** Newest update first, ties by reference: the order of the unified list, so the page's records are the sealed ones. */
function newestFirst<R extends LoadedDossier>(records: readonly R[]): R[] {
  const at = (record: R) => {
    const updatedAt = (record as { readonly updatedAt?: unknown }).updatedAt;
    return typeof updatedAt === 'string' ? Date.parse(updatedAt) || 0 : 0;
  };
  return [...records].sort((a, b) => at(b) - at(a) || b.reference.localeCompare(a.reference));
}
