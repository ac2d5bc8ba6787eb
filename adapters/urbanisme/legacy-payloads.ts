import { z } from 'zod';

/** Urbanisme writes `+00:00` offsets; clean records carry `Z` instants without milliseconds. */
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString().replace(/\.000Z$/, 'Z'));

/** A file Urbanisme holds for a dossier (`GET`/`POST /api/dossiers/{numero}/pieces`, and `pieces_recues` in the dossier). */
export const pieceRecue = z.object({
  type_piece: z.string(),
  nom_fichier: z.string(),
  type_mime: z.string(),
  taille_octets: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The dossier fields the adapter relies on (extra fields such as `libelle_etape` are ignored). */
export const legacyDossier = z.object({
  numero: z.string(),
  demandeur_niu: z.string(),
  etape: z.string(),
  date_depot: instant,
  date_maj: instant,
  titre_foncier: z.string(),
  architecte: z.object({ numero_ordre: z.string(), nom: z.string() }),
  commune: z.string(),
  quartier: z.string(),
  nature_projet: z.string(),
  surface_plancher_m2: z.number().min(0),
  niveaux: z.number().int().min(0),
  historique: z.array(z.object({ etape: z.string(), date: instant, commentaire: z.string().nullish() })),
  pieces_manquantes: z.array(z.string()).default([]),
  reference_externe: z.string().nullish(),
  /** Absent until Urbanisme received a first file for the dossier. */
  pieces_recues: z.array(pieceRecue).default([]),
});

export type LegacyDossier = z.infer<typeof legacyDossier>;

const ok = z.literal('ok');

export const dossierPage = z.object({ statut: ok, dossiers: z.array(legacyDossier), curseur_suivant: z.string().min(1).nullable(), total: z.number().int().min(0) });
export const oneDossier = z.object({ statut: ok, dossier: legacyDossier });
export const dossierList = z.object({ statut: ok, dossiers: z.array(legacyDossier) });
export const pieceList = z.object({ statut: ok, numero: z.string(), pieces: z.array(pieceRecue) });

/** The in-200 error envelope every Urbanisme route may answer with. */
export const errorEnvelope = z.object({ statut: z.literal('erreur'), code: z.string().optional(), message: z.string().optional() });
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;
