import { z } from 'zod';
import { rnecStatuses } from '../rnec-payloads.js';

/** RNEC v2's JSON payloads, checked before use (a missing or odd field is BAD_BACKEND_RESPONSE). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
  }, 'expected a real date');
const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'expected a UTC instant');
const kind = z.enum(['NAISSANCE', 'MARIAGE', 'DECES']);

export const personneV2Schema = z.object({
  niu: z.string(),
  nom: z.string(),
  prenoms: z.string(),
  sexe: z.enum(['M', 'F']),
  dateNaissance: isoDate,
  communeNaissance: z.string(),
  dateDeces: isoDate.nullable(),
});

export const acteV2Schema = z.object({ numero: z.string(), type: kind, dateEvenement: isoDate, commune: z.string(), niuConcernes: z.array(z.string()) });

export const demandeV2Schema = z.object({
  numero: z.string(),
  niuDemandeur: z.string(),
  numeroActe: z.string(),
  typeActe: kind,
  nombreCopies: z.number().int(),
  referenceExterne: z.string().nullable(),
  statut: z.enum(rnecStatuses),
  communeRetrait: z.string(),
  deposeeLe: isoInstant,
  modifieeLe: isoInstant,
  historique: z.array(z.object({ statut: z.enum(rnecStatuses), le: isoInstant })),
});

export type PersonneV2 = z.infer<typeof personneV2Schema>;
export type ActeV2 = z.infer<typeof acteV2Schema>;
export type DemandeV2 = z.infer<typeof demandeV2Schema>;

export const v2Responses = {
  personne: personneV2Schema,
  personnes: z.object({ personnes: z.array(personneV2Schema), introuvables: z.array(z.string()) }),
  acte: acteV2Schema,
  actes: z.object({ actes: z.array(acteV2Schema) }),
  demande: demandeV2Schema,
  demandes: z.object({ demandes: z.array(demandeV2Schema) }),
  modifications: z.object({ demandes: z.array(demandeV2Schema), curseurSuivant: z.string().nullable() }),
  /** `GET`/`POST /v2/demandes/{numero}/pieces`: every piece the request holds, oldest first. */
  pieces: z.object({
    pieces: z.array(z.object({ nature: z.string(), nomFichier: z.string(), typeMime: z.string(), taille: z.number().int().nonnegative(), empreinte: z.string().regex(/^[0-9a-f]{64}$/) })),
  }),
};

/** A problem details document (RFC 9457) with the register's `code`. */
export const problemV2Schema = z.object({ type: z.string().optional(), title: z.string().optional(), status: z.number().optional(), detail: z.string().optional(), code: z.string().optional() });
