import { z } from 'zod';
import { attachedDocumentsSchema } from '../shared/index.js';

/**
 * A copy request as RNEC takes it: the payload's one definition (the subgraph files it, the outbox keeps it, the
 * adapter sends it). Its values are checked by the adapter's own input checks (rnec-input.ts) before each call.
 */
export const copyRequestInputSchema = z.object({
  niu: z.string(),
  actNumber: z.string(),
  copies: z.number().int(),
  /** Guichet's reference, stored by RNEC (REFERENCE_EXTERNE) and used to reconcile retries. */
  externalReference: z.string(),
  /** The supporting documents filed with it (Guichet's store ids), for the forwarder that sends the files. */
  documents: attachedDocumentsSchema,
});

export type CopyRequestInput = z.output<typeof copyRequestInputSchema>;
