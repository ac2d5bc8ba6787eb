import { z } from 'zod';
import { communeByCode } from '../world/index.js';

/** The body of `POST /v1/demandes`. */
export interface NouvelleDemande {
  niuDemandeur: string;
  typeCompteur: 'MONO' | 'TRI';
  commune: string;
  quartier: string;
  titreFoncier: string | null;
  nombreAppareils: number;
  referenceExterne: string | null;
}

const schema = z.object({
  niuDemandeur: z.string().regex(/^\d{12}$/),
  typeCompteur: z.enum(['MONO', 'TRI']),
  commune: z.string().refine((code) => communeByCode(code) !== undefined),
  quartier: z.string().trim().min(1).max(80),
  titreFoncier: z.string().trim().min(1).max(40).nullish(),
  nombreAppareils: z.number().int().min(1).max(200),
  referenceExterne: z.string().trim().min(1).max(64).nullish(),
});

/** What CEET says it expected, per field (its messages name the fields as they are on the wire). */
const attendu: Readonly<Record<keyof NouvelleDemande, string>> = {
  niuDemandeur: 'NIU de 12 chiffres attendu',
  typeCompteur: 'MONO ou TRI attendu',
  commune: 'code de commune inconnu',
  quartier: 'texte de 1 à 80 caractères attendu',
  titreFoncier: 'texte de 1 à 40 caractères ou null attendu',
  nombreAppareils: 'entier de 1 à 200 attendu',
  referenceExterne: 'texte de 1 à 64 caractères ou null attendu',
};

export type Validation = { ok: true; demande: NouvelleDemande } | { ok: false; champs: string[]; message: string };

/** Checks a POST body the way CEET does: every bad field listed in one French message. */
export function validateNouvelleDemande(body: unknown): Validation {
  const result = schema.safeParse(body);
  if (result.success) {
    const d = result.data;
    return { ok: true, demande: { ...d, titreFoncier: d.titreFoncier ?? null, referenceExterne: d.referenceExterne ?? null } };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, champs: [], message: 'Le corps de la requête doit être un objet JSON.' };
  }
  const champs = [...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? '')))].filter((c): c is keyof NouvelleDemande => c in attendu);
  const details = champs.map((c) => `${c} (${attendu[c]})`).join(', ');
  return { ok: false, champs, message: `Données invalides : ${details}.` };
}
