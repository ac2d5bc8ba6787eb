import { z } from 'zod';
import { badUserInput } from './urbanisme-errors.js';
import type { ProjectKind } from './types.js';
import { attachedDocumentsSchema } from '../shared/index.js';

const projectKinds: readonly [ProjectKind, ...ProjectKind[]] = ['SINGLE_HOUSE', 'BUILDING_R1', 'BUILDING_R2', 'COMMERCIAL', 'FENCE'];
const required = (message: string) => z.string(message).trim().min(1, message);

/**
 * A new application as Urbanisme takes it: the payload's one definition (the subgraph files it, the outbox keeps it,
 * the adapter sends it), with what Urbanisme would refuse, in French.
 */
export const buildingPermitInputSchema = z.object({
  niu: z.string('Le NIU doit comporter 12 chiffres.').regex(/^\d{12}$/, 'Le NIU doit comporter 12 chiffres.'),
  landTitle: required('Le numéro du titre foncier est obligatoire.'),
  architectRegistration: required('Le numéro d’inscription de l’architecte à l’Ordre est obligatoire.'),
  communeCode: required('La commune du terrain est obligatoire.'),
  quarter: required('Le quartier du terrain est obligatoire.'),
  projectKind: z.enum(projectKinds, 'Nature du projet inconnue.'),
  floorAreaM2: z.number('La surface de plancher doit être un nombre positif ou nul.').min(0, 'La surface de plancher doit être un nombre positif ou nul.'),
  levels: z
    .number('Le nombre de niveaux doit être un entier entre 1 et 20.')
    .int('Le nombre de niveaux doit être un entier entre 1 et 20.')
    .min(1, 'Le nombre de niveaux doit être un entier entre 1 et 20.')
    .max(20, 'Le nombre de niveaux doit être un entier entre 1 et 20.'),
  externalReference: required('La référence externe est obligatoire.').max(64, 'La référence externe dépasse 64 caractères.'),
  /** The supporting documents filed with it (Guichet's store ids), for the forwarder that sends the files. */
  documents: attachedDocumentsSchema,
});

export type BuildingPermitInput = z.output<typeof buildingPermitInputSchema>;

export function validatePermitInput(input: BuildingPermitInput, operation: string): BuildingPermitInput {
  const result = buildingPermitInputSchema.safeParse(input);
  if (!result.success) throw badUserInput(operation, result.error.issues[0]?.message ?? 'Données invalides.');
  return result.data;
}

export function validateNiu(niu: string, operation: string): void {
  if (!/^\d{12}$/.test(niu)) throw badUserInput(operation, 'Le NIU doit comporter 12 chiffres.');
}

export function validateInstant(value: string, operation: string): void {
  if (!z.iso.datetime({ offset: true }).safeParse(value).success && !z.iso.date().safeParse(value).success) {
    throw badUserInput(operation, 'La date doit être au format ISO 8601 (par exemple 2026-11-01T00:00:00Z).');
  }
}
