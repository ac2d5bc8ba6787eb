import type { SubmitOutcome, Submission } from '../../../outbox/index.js';
import { userInputError } from '../input/user-input-error.js';

/**
 * What a mutation answers: the ministry's record; Guichet's own view of a queued application (or of a delivered one
 * while the ministry cannot be asked); or the ministry's refusal as BAD_USER_INPUT.
 */
export function recordOfOutcome<R>(outcome: SubmitOutcome<R>, queuedRecord: (submission: Submission) => R): R {
  switch (outcome.kind) {
    case 'delivered':
      return outcome.record;
    case 'queued':
    case 'delivered-offline':
      return queuedRecord(outcome.submission);
    case 'rejected':
      throw userInputError(outcome.submission.rejectionMessage ?? 'Le ministère a refusé la demande.');
  }
}
