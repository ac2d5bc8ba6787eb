import type { LegacyRecordsByExternalReference } from './count-legacy-records.js';
import type { SubmissionOutcome } from './submit-with-retries.js';

/** One submission whose fate in the legacy system is wrong, with what the check saw. */
export interface Finding {
  readonly outcome: SubmissionOutcome;
  /** Legacy references filed under its external reference (none, one, or several). */
  readonly legacyReferences: readonly string[];
  /** Its status at the end of the drain, when it was watched (`REJECTED` explains a loss). */
  readonly finalStatus?: string;
  readonly why: string;
}

export interface Verification {
  /** Accepted, and in its legacy system (at least once). */
  readonly delivered: number;
  /** Accepted but absent from its legacy system. */
  readonly lost: readonly Finding[];
  /** In its legacy system more than once (whatever the client was told). */
  readonly duplicated: readonly Finding[];
  /** Refused by the graph, yet filed in the legacy system. */
  readonly ghosts: readonly Finding[];
  /** Answered with a reference the legacy record or the expected Guichet reference contradicts. */
  readonly mismatched: readonly Finding[];
  /** Abandoned by their client, and filed (once) all the same: allowed, reported for the record. */
  readonly abandonedButFiled: number;
}

/**
 * The soak's verdict: every accepted submission exists exactly once in its legacy system — none lost, none
 * duplicated — under the reference the client was given; nothing refused was filed; nothing is ever filed twice.
 */
export function verifySubmissions(outcomes: readonly SubmissionOutcome[], legacy: LegacyRecordsByExternalReference, finalStatus: ReadonlyMap<string, string>): Verification {
  const lost: Finding[] = [];
  const duplicated: Finding[] = [];
  const ghosts: Finding[] = [];
  const mismatched: Finding[] = [];
  let delivered = 0;
  let abandonedButFiled = 0;
  for (const outcome of outcomes) {
    const { externalReference } = outcome.planned;
    const legacyReferences = legacy.get(externalReference) ?? [];
    const status = finalStatus.get(outcome.reference ?? externalReference);
    const finding = (why: string): Finding => ({ outcome, legacyReferences, why, ...(status ? { finalStatus: status } : {}) });
    if (legacyReferences.length > 1) duplicated.push(finding(`${legacyReferences.length} legacy records carry ${externalReference}`));
    switch (outcome.result) {
      case 'accepted': {
        if (legacyReferences.length === 0) {
          lost.push(finding(`accepted as ${outcome.reference ?? '?'} (${outcome.statusAtAcceptance ?? '?'}) but absent from ${outcome.planned.system}`));
          break;
        }
        delivered += 1;
        const reference = outcome.reference ?? '';
        const answeredQueued = reference.startsWith('GCH-');
        if (answeredQueued && reference !== externalReference) mismatched.push(finding(`answered ${reference}, expected Guichet reference ${externalReference}`));
        if (!answeredQueued && !legacyReferences.includes(reference))
          mismatched.push(finding(`answered ${reference}, but the legacy record of ${externalReference} is ${legacyReferences.join(', ')}`));
        break;
      }
      case 'refused':
        if (legacyReferences.length > 0) ghosts.push(finding(`refused (${outcome.refusal?.code ?? '?'}: ${outcome.refusal?.message ?? ''}) yet filed as ${legacyReferences.join(', ')}`));
        break;
      case 'abandoned':
        if (legacyReferences.length === 1) abandonedButFiled += 1;
        break;
      case 'not-attempted':
        if (legacyReferences.length > 0) ghosts.push(finding('never sent, yet filed'));
        break;
    }
  }
  return { delivered, lost, duplicated, ghosts, mismatched, abandonedButFiled };
}
