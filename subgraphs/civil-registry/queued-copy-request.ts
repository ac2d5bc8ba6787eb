import { z } from 'zod';
import type { CivilActCopyRequestRecord, CopyRequestInput } from '../../adapters/rnec/index.js';
import type { Submission } from '../../outbox/index.js';
import { queuedDossierRecord } from '../shared/index.js';

/** What the outbox stores of a copy request: exactly the RNEC adapter's input, checked again when read back. */
const inputSchema = z.object({ niu: z.string(), actNumber: z.string(), copies: z.number().int(), externalReference: z.string() });

export function inputOfSubmission(submission: Submission): CopyRequestInput {
  return inputSchema.parse(submission.payload);
}

/** A copy request Guichet holds for RNEC, shown like any other (QUEUED, or REJECTED by the registry). */
export function queuedCopyRecord(submission: Submission): CivilActCopyRequestRecord {
  const input = inputOfSubmission(submission);
  return {
    ...queuedDossierRecord(submission),
    actNumber: input.actNumber,
    copies: input.copies,
    // Act numbers carry the commune that registered them, whose office delivers the copies.
    deliveryCommuneCode: input.actNumber.split('-')[1] ?? '',
  };
}
