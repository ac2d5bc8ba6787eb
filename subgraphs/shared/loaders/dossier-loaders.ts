import type DataLoader from 'dataloader';
import type { AccessRecorder } from '../../../audit/index.js';
import type { Principal } from '../../../auth/index.js';
import type { LegacyRecord, Outbox, Submission } from '../../../outbox/index.js';
import type { LegacySystem, MinistryCode } from '../../../schema/index.js';
import { canSeeDossier, recordedWhenVisible } from '../authorization/index.js';
import { batchLoader, listLoader } from './batch-loader.js';
import { withLastKnown, withLastKnownList, type LastKnown } from '../fallback/index.js';
import { withGuichetReferences } from '../submissions/index.js';
import { withFeedFreshness, type FeedFreshness, type FeedFreshnessCounters } from '../freshness/index.js';
import type { KnownRecord } from '../fallback/index.js';

/** A ministry's dossier, as its subgraph loads it: by reference, and as a citizen's list. */
export type LoadedDossier = LegacyRecord & { readonly reference: string; readonly applicantNiu: string };

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
  /** A citizen's dossiers as the caller may see them, primed for the page's entity fetches of the same request. */
  readonly listOfCitizen: (niu: string) => Promise<readonly R[]>;
}

/**
 * One request's loaders of a ministry's dossiers: last known records when the system is out (a citizen's list too),
 * Guichet references answered from the outbox, queued submissions added to a citizen's list, and the same
 * visibility rule and audit trail for every path.
 */
export function dossierLoaders<R extends LoadedDossier>(options: DossierLoadersOptions<R>): DossierLoaders<R> {
  const { system, ministry, principal, access, lastKnown, outbox, queuedRecord } = options;
  const mayServe = (record: R) => canSeeDossier(principal, ministry, record.applicantNiu);
  // A citizen's list, remembered so an outage answers with the last known one (marked stale).
  const citizenList = withLastKnownList((niu: string) => options.listOfCitizen(niu), lastKnown);
  const visible = recordedWhenVisible(mayServe, access, system, (r) => [r.applicantNiu]);
  const read = withLastKnown((references: readonly string[]) => options.getMany(references), lastKnown, { mayServe });
  const byReference = batchLoader(
    withGuichetReferences<R | Error>(options.freshness ? withFeedFreshness(read, options.freshness.freshness, options.freshness.counters) : read, outbox, queuedRecord),
    options.notFound,
    visible,
  );
  const ofCitizen = listLoader(async (niu: string) => [...(await citizenList(niu)), ...(await outbox.listForApplicant(niu)).map(queuedRecord)], visible);
  const primed = (records: readonly R[]) => {
    for (const record of records) byReference.prime(record.reference, record);
    return records;
  };
  return {
    visible,
    byReference,
    worklist: (records) => primed(records.filter(visible)) as R[],
    ofCitizen,
    listOfCitizen: async (niu) => primed(await ofCitizen.load(niu)),
  };
}
