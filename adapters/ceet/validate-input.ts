import { z } from 'zod';
import { AdapterError, attachedDocumentsSchema } from '../shared/index.js';

export const niuSchema = z.string().regex(/^\d{12}$/, 'Le NIU doit comporter 12 chiffres.');

/**
 * A new request as CEET takes it: the payload's one definition (the subgraph files it, the outbox keeps it, the
 * adapter sends it), with what CEET would refuse, in French.
 */
export const electricityRequestInputSchema = z.object({
  niu: niuSchema,
  meterType: z.enum(['SINGLE_PHASE', 'THREE_PHASE'], 'Le type de compteur doit être monophasé ou triphasé.'),
  communeCode: z.string().regex(/^[A-Z0-9]{2,20}$/, 'Le code de commune est invalide.'),
  quarter: z.string().trim().min(1, 'Le quartier est obligatoire.').max(80, 'Le quartier ne peut dépasser 80 caractères.'),
  landTitle: z.string().trim().min(1, 'Le titre foncier, s’il est indiqué, ne peut être vide.').max(40, 'Le titre foncier ne peut dépasser 40 caractères.').nullable(),
  applianceCount: z
    .number('Le nombre d’appareils doit être un nombre.')
    .int('Le nombre d’appareils doit être un entier.')
    .min(1, 'Indiquez au moins un appareil.')
    .max(200, 'Le nombre d’appareils ne peut dépasser 200.'),
  externalReference: z.string().trim().min(1, 'La référence externe est obligatoire.').max(64, 'La référence externe ne peut dépasser 64 caractères.'),
  /** The supporting documents filed with it (Guichet's store ids), for the forwarder that sends the files. */
  documents: attachedDocumentsSchema,
});

export type ElectricityRequestInput = z.output<typeof electricityRequestInputSchema>;

/** BAD_USER_INPUT with every problem in one French sentence list, before CEET is called. */
export function badUserInput(operation: string, problems: readonly string[]): AdapterError {
  return new AdapterError({ code: 'BAD_USER_INPUT', system: 'ceet', operation, retryable: false, message: `invalid input: ${problems.join(' ')}`, userMessage: problems.join(' ') });
}

/** Checks (and trims) a new request before it reaches CEET. */
export function validateRequestInput(input: ElectricityRequestInput, operation: string): ElectricityRequestInput {
  const result = electricityRequestInputSchema.safeParse(input);
  if (!result.success) throw badUserInput(operation, [...new Set(result.error.issues.map((issue) => issue.message))]);
  return result.data;
}

export function validateNiu(niu: string, operation: string): string {
  const result = niuSchema.safeParse(niu);
  if (!result.success)
    throw badUserInput(
      operation,
      result.error.issues.map((issue) => issue.message),
    );
  return result.data;
}
