import { z } from 'zod';
import { communeByCode } from '../world/index.js';
import { dateLegacy, type DossierMines } from './legacy-dossier.js';
import { procedureLegacy, substances } from './procedures.js';
import type { CompanyRegister } from './company-register.js';
import { ErreurMines } from './replies.js';
import { libellesEtat } from './states.js';

const depositBody = z.object({
  NuiDemandeur: z.string().regex(/^\d{12}$/, 'NUI attendu sur 12 chiffres'),
  CodeProcedure: z.string().min(1, 'obligatoire'),
  RaisonSociale: z.string().trim().min(2).max(120).nullable().optional(),
  Commune: z
    .string()
    .refine((code) => communeByCode(code) !== undefined, 'commune inconnue')
    .nullable()
    .optional(),
  Localite: z.string().trim().min(2).max(80).nullable().optional(),
  Substance: z.enum(substances, 'substance inconnue').nullable().optional(),
  Superficie: z.number('nombre attendu').positive('doit être positive').nullable().optional(),
  UniteSuperficie: z.enum(['KM2', 'HA'], 'KM2 ou HA attendu').nullable().optional(),
  RefExterne: z.string().trim().min(1).max(64).nullable().optional(),
  NifSociete: z
    .string()
    .regex(/^\d{10}$/, 'NIF attendu sur 10 chiffres')
    .nullable()
    .optional(),
  RccmSociete: z.string().trim().min(1).max(32).nullable().optional(),
});

/**
 * Checks a deposit the way the system does: the JSON, the fields (PARAMETRE_INVALIDE), the procedure code
 * (PROCEDURE_INCONNUE), then the site of a procedure that has one and the substance and surface of a mining title
 * (PIECE_MANQUANTE), then the surface's unit and bounds (PARAMETRE_INVALIDE), then the company: a procedure reserved to
 * companies needs one (PARAMETRE_INVALIDE), a company must be in the register with that RCCM (SOCIETE_INCONNUE) and
 * the depositor one of its mandate holders (MANDATAIRE_NON_HABILITE). Returns the dossier, not yet numbered.
 */
export function parseDeposit(text: string, nowMs: number, register: CompanyRegister): Omit<DossierMines, 'NumeroDossier'> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ErreurMines('PARAMETRE_INVALIDE', 'Corps de requête JSON illisible.');
  }
  const parsed = depositBody.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')} : ${i.message}`).join(' ; ');
    throw new ErreurMines('PARAMETRE_INVALIDE', `Paramètres invalides — ${details}.`);
  }
  const body = parsed.data;
  const procedure = procedureLegacy(body.CodeProcedure);
  if (!procedure) throw new ErreurMines('PROCEDURE_INCONNUE', `La procédure ${body.CodeProcedure} n’existe pas.`);
  if (procedure.site && (!body.Commune || !body.Localite)) {
    throw new ErreurMines('PIECE_MANQUANTE', `La procédure « ${procedure.libelle} » exige la commune et la localité du site.`);
  }
  const minier = procedure.minier;
  if (minier) {
    if (!body.Substance || body.Superficie === null || body.Superficie === undefined) {
      throw new ErreurMines('PIECE_MANQUANTE', `La procédure « ${procedure.libelle} » exige la substance et la superficie sollicitées.`);
    }
    // The cadastre keeps each title in its own unit: a permit in km², a small site in hectares.
    if (body.UniteSuperficie !== minier.unite)
      throw new ErreurMines(
        'PARAMETRE_INVALIDE',
        `La superficie de la procédure « ${procedure.libelle} » s’exprime en ${minier.unite === 'KM2' ? 'km²' : 'hectares'} (UniteSuperficie ${minier.unite}).`,
      );
    if (body.Superficie < minier.min || body.Superficie > minier.max) {
      throw new ErreurMines('PARAMETRE_INVALIDE', `La superficie doit être comprise entre ${minier.min} et ${minier.max} ${minier.unite === 'KM2' ? 'km²' : 'ha'}.`);
    }
  }
  const societe = body.NifSociete ? register.get(body.NifSociete) : undefined;
  if (body.NifSociete) {
    if (!societe || societe.Rccm !== body.RccmSociete)
      throw new ErreurMines('SOCIETE_INCONNUE', `Aucune société immatriculée sous le NIF ${body.NifSociete} et le RCCM ${body.RccmSociete ?? '(absent)'} au registre des opérateurs.`);
    if (!societe.Mandataires.includes(body.NuiDemandeur))
      throw new ErreurMines('MANDATAIRE_NON_HABILITE', `Le déposant n’est ni le gérant ni un représentant déclaré de la société ${societe.RaisonSociale}.`);
  } else if (procedure.entreprisesSeulement) {
    throw new ErreurMines('PARAMETRE_INVALIDE', `La procédure « ${procedure.libelle} » est réservée aux sociétés : NifSociete et RccmSociete requis.`);
  }
  const now = dateLegacy(nowMs);
  return {
    NuiDemandeur: body.NuiDemandeur,
    CodeProcedure: procedure.code,
    CodeEtat: 'ENR',
    LibelleEtat: libellesEtat.ENR,
    DateDepot: now,
    DateMaj: now,
    RaisonSociale: societe ? societe.RaisonSociale : (body.RaisonSociale ?? null),
    NifSociete: societe ? societe.Nif : null,
    RccmSociete: societe ? societe.Rccm : null,
    Commune: procedure.site ? (body.Commune ?? null) : null,
    Localite: procedure.site ? (body.Localite ?? null) : null,
    FraisDossierFcfa: procedure.fraisFcfa,
    Substance: minier ? (body.Substance ?? null) : null,
    Superficie: minier ? (body.Superficie ?? null) : null,
    UniteSuperficie: minier ? minier.unite : null,
    Historique: [{ CodeEtat: 'ENR', Date: now, Observation: 'Dépôt en ligne' }],
    PiecesDemandees: [],
    RefExterne: body.RefExterne ?? null,
  };
}
