import type { Submission } from '../../../outbox/index.js';
import { isGuichetReference } from '../../../schema/index.js';

/** What the lookups need of a ministry's outbox. */
export interface SubmissionLookup {
  get(externalReference: string): Promise<Submission | null>;
}

/**
 * Lets a ministry's batch lookup also answer Guichet references (`GCH-CEET-…`): an application still held by
 * Guichet answers as its queued record; one already delivered answers as the ministry's own record.
 */
export function withGuichetReferences<V>(
  fetchMany: (references: readonly string[]) => Promise<ReadonlyMap<string, V>>,
  outbox: SubmissionLookup,
  queuedRecord: (submission: Submission) => V,
): (references: readonly string[]) => Promise<ReadonlyMap<string, V>> {
  return async (references) => {
    const ours = references.filter(isGuichetReference);
    if (ours.length === 0) return fetchMany(references);
    const submissions = await Promise.all(ours.map((reference) => outbox.get(reference)));
    const delivered = new Map<string, string>();
    const found = new Map<string, V>();
    for (const submission of submissions) {
      if (!submission) continue;
      if (submission.state === 'delivered' && submission.legacyReference) delivered.set(submission.externalReference, submission.legacyReference);
      else found.set(submission.externalReference, queuedRecord(submission));
    }
    const theirs = [...references.filter((r) => !isGuichetReference(r)), ...delivered.values()];
    const legacy = theirs.length > 0 ? await fetchMany(theirs) : new Map<string, V>();
    for (const reference of references) {
      const record = legacy.get(delivered.get(reference) ?? reference);
      if (record !== undefined) found.set(reference, record);
    }
    return found;
  };
}
