import type { SubmitOutcome, Submission } from '../../../outbox/index.js';
import { userInputError } from '../user-input-error.js';

/** What a mutation answers: the ministry's record, the queued one, or the ministry's refusal as BAD_USER_INPUT. */
export function recordOfOutcome<R>(outcome: SubmitOutcome<R>, queuedRecord: (submission: Submission) => R): R {
  switch (outcome.kind) {
    case 'delivered':
      return outcome.record;
    case 'queued':
      return queuedRecord(outcome.submission);
    case 'rejected':
      throw userInputError(outcome.submission.rejectionMessage ?? 'Le ministère a refusé la demande.');
  }
}
