import { z } from 'zod';
import { badUserInput } from './mines-errors.js';
import { isProcedureOfMines, procedureOfCode } from './procedures.js';
import { mineralSubstances, type MineralSubstance } from './substances.js';
import { isWellFormedNif, isWellFormedRccm, type ProcedureCode } from '../../schema/index.js';
import { attachedDocumentsSchema } from '../shared/index.js';

const optionalText = (min: number, max: number, message: string) => z.string(message).trim().min(min, message).max(max, message).nullable();

/**
 * A new application as SIGEM takes it: the payload's one definition (the subgraph files it, the outbox keeps it, the
 * adapter sends it), with what SIGEM would refuse, in French. The procedure's own rules (site, mining title) follow
 * in validateApplicationInput.
 */
export const energyMinesApplicationInputSchema = z.object({
  niu: z.string('Le NIU doit comporter 12 chiffres.').regex(/^\d{12}$/, 'Le NIU doit comporter 12 chiffres.'),
  procedureCode: z.custom<ProcedureCode>((value) => typeof value === 'string' && isProcedureOfMines(value), { error: (issue) => `La démarche ${String(issue.input)} ne relève pas de ce ministère.` }),
  companyName: optionalText(2, 120, 'La raison sociale doit compter 2 à 120 caractères.'),
  communeCode: optionalText(2, 20, 'Code de commune invalide.'),
  locality: optionalText(2, 80, 'La localité doit compter 2 à 80 caractères.'),
  substance: z.enum(mineralSubstances as [MineralSubstance, ...MineralSubstance[]], 'Substance inconnue.').nullable(),
  areaHectares: z.number('La superficie doit être un nombre d’hectares.').positive('La superficie doit être positive.').nullable(),
  /** The company filed for (its mandate holder is `niu`); absent in payloads queued before companies could apply. */
  company: z
    .object({
      nif: z.string('NIF invalide.').refine(isWellFormedNif, 'NIF invalide : 10 chiffres dont une clé de contrôle.'),
      rccm: z.string('RCCM invalide.').refine(isWellFormedRccm, 'RCCM invalide : forme TG-LOM-2019-B-01234.'),
    })
    .nullable()
    .default(null),
  externalReference: z.string().trim().min(1, 'La référence externe est obligatoire.').max(64, 'La référence externe dépasse 64 caractères.'),
  /**
   * The supporting documents filed with it, by id in Guichet's document store (`POST /documents`): what the outbox
   * keeps so that the forwarder can send the files. Absent in applications filed before documents existed.
   */
  documents: attachedDocumentsSchema,
});

export type EnergyMinesApplicationInput = z.output<typeof energyMinesApplicationInputSchema>;

export function validateApplicationInput(input: EnergyMinesApplicationInput, operation: string): EnergyMinesApplicationInput & { readonly legacyCode: string } {
  const result = energyMinesApplicationInputSchema.safeParse(input);
  if (!result.success) throw badUserInput(operation, result.error.issues[0]?.message ?? 'Données invalides.');
  const procedure = procedureOfCode(input.procedureCode);
  if (!procedure) throw badUserInput(operation, `La démarche ${input.procedureCode} ne relève pas de ce ministère.`);
  if (procedure.site && (!input.communeCode || !input.locality)) throw badUserInput(operation, 'Cette démarche exige la commune et la localité du site.');
  if (input.company === null && !procedure.applicantKinds.includes('CITIZEN')) throw badUserInput(operation, 'Cette démarche est réservée aux sociétés : indiquez la société demandeuse.');
  if (input.company !== null && !procedure.applicantKinds.includes('COMPANY')) throw badUserInput(operation, 'Cette démarche ne se dépose qu’en nom propre, pas pour une société.');
  const mining = procedure.mining;
  if (mining) {
    if (input.substance === null || input.areaHectares === null) throw badUserInput(operation, 'Un titre minier exige la substance et la superficie sollicitées.');
    if (input.areaHectares < mining.minHectares || input.areaHectares > mining.maxHectares) {
      throw badUserInput(operation, `La superficie doit être comprise entre ${mining.minHectares} et ${mining.maxHectares} hectares pour cette démarche.`);
    }
  }
  return { ...input, legacyCode: procedure.legacyCode };
}

export function validateNiu(niu: string, operation: string): void {
  if (!/^\d{12}$/.test(niu)) throw badUserInput(operation, 'Le NIU doit comporter 12 chiffres.');
}

export function validateInstant(value: string, operation: string): void {
  if (!z.iso.datetime({ offset: true }).safeParse(value).success && !z.iso.date().safeParse(value).success) {
    throw badUserInput(operation, 'La date doit être au format ISO 8601 (par exemple 2026-11-01T00:00:00Z).');
  }
}
