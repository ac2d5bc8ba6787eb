import { z } from 'zod';
import { communeByCode } from '../world/index.js';
import type { Architecte } from './architect-register.js';
import { legacyInstant, libellesEtape, naturesProjet, type DossierUrbanisme } from './legacy-dossier.js';
import { ErreurUrbanisme } from './replies.js';

const depositBody = z.object({
  demandeur_niu: z.string().regex(/^\d{12}$/, 'NIU attendu sur 12 chiffres'),
  commune: z.string().refine((code) => communeByCode(code) !== undefined, 'commune inconnue'),
  quartier: z.string().trim().min(1, 'obligatoire'),
  nature_projet: z.enum(naturesProjet, 'valeur inconnue'),
  surface_plancher_m2: z.number('nombre attendu').min(0, 'doit être positive'),
  niveaux: z.number('nombre attendu').int('entier attendu').min(1, 'au moins 1').max(20, 'au plus 20'),
  reference_externe: z.string().trim().min(1).max(64).nullable().optional(),
});

/**
 * Checks a deposit the way Urbanisme does: the land title first (TITRE_FONCIER_REQUIS), then the architect's
 * number (required, and on the Ordre's register: ARCHITECTE_NON_INSCRIT), then the other fields
 * (PARAMETRE_INVALIDE). Returns the new dossier, not yet numbered.
 */
export function parseDeposit(text: string, register: ReadonlyMap<string, Architecte>, nowMs: number): Omit<DossierUrbanisme, 'numero'> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ErreurUrbanisme('PARAMETRE_INVALIDE', 'Corps de requête JSON illisible.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ErreurUrbanisme('PARAMETRE_INVALIDE', 'Un objet JSON est attendu.');
  const body = raw as Record<string, unknown>;

  const titre = typeof body.titre_foncier === 'string' ? body.titre_foncier.trim() : '';
  if (!titre) throw new ErreurUrbanisme('TITRE_FONCIER_REQUIS', 'Le numéro du titre foncier est obligatoire pour toute demande de permis de construire.');

  const architecte = typeof body.architecte === 'object' && body.architecte !== null ? (body.architecte as Record<string, unknown>) : {};
  const numeroOrdre = typeof architecte.numero_ordre === 'string' ? architecte.numero_ordre.trim() : '';
  if (!numeroOrdre) throw new ErreurUrbanisme('PARAMETRE_INVALIDE', 'Le numéro d’inscription de l’architecte à l’Ordre (architecte.numero_ordre) est obligatoire.');

  const parsed = depositBody.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join(' ; ');
    throw new ErreurUrbanisme('PARAMETRE_INVALIDE', `Paramètres invalides — ${details}.`);
  }
  const inscrit = register.get(numeroOrdre);
  if (!inscrit) throw new ErreurUrbanisme('ARCHITECTE_NON_INSCRIT', `L’architecte ${numeroOrdre} n’est pas inscrit au tableau de l’Ordre national des architectes.`);

  const now = legacyInstant(nowMs);
  const data = parsed.data;
  return {
    demandeur_niu: data.demandeur_niu,
    etape: 'DEPOT',
    libelle_etape: libellesEtape.DEPOT,
    date_depot: now,
    date_maj: now,
    titre_foncier: titre,
    architecte: { numero_ordre: inscrit.numero_ordre, nom: inscrit.nom },
    commune: data.commune,
    quartier: data.quartier,
    nature_projet: data.nature_projet,
    surface_plancher_m2: data.surface_plancher_m2,
    niveaux: data.niveaux,
    historique: [{ etape: 'DEPOT', date: now, commentaire: 'Dépôt en ligne' }],
    pieces_manquantes: [],
    reference_externe: data.reference_externe ?? null,
  };
}
