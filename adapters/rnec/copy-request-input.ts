import { z } from 'zod';

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
});

export type CopyRequestInput = z.output<typeof copyRequestInputSchema>;
