import type { PermitApplication, PermitStage, Step } from '../world/index.js';

export type NatureProjet = PermitApplication['projectKind'];
export const naturesProjet = ['MAISON_INDIVIDUELLE', 'IMMEUBLE_R+1', 'IMMEUBLE_R+2', 'COMMERCE', 'CLOTURE'] as const satisfies readonly NatureProjet[];

/** The ministry's own stage labels, shown in its agents' screens (and sent as `libelle_etape`). */
export const libellesEtape: Readonly<Record<PermitStage, string>> = {
  DEPOT: 'Dépôt du dossier',
  RECEVABILITE: 'Recevabilité',
  INSTRUCTION_TECHNIQUE: 'Instruction technique',
  AVIS_COMMISSION: 'Avis de la commission technique',
  SIGNATURE: 'Circuit de signature',
  DELIVRE: 'Permis délivré',
  REJETE: 'Rejeté',
  PIECES_MANQUANTES: 'En attente de pièces',
};

/** One dossier exactly as Urbanisme stores and serves it (snake_case, ISO 8601 with a `+00:00` offset). */
export interface DossierUrbanisme {
  numero: string;
  demandeur_niu: string;
  etape: PermitStage;
  libelle_etape: string;
  date_depot: string;
  date_maj: string;
  titre_foncier: string;
  architecte: { numero_ordre: string; nom: string };
  commune: string;
  quartier: string;
  nature_projet: NatureProjet;
  surface_plancher_m2: number;
  niveaux: number;
  historique: { etape: PermitStage; date: string; commentaire: string | null }[];
  pieces_manquantes: string[];
  reference_externe: string | null;
  /** Files received for the dossier (`POST /api/dossiers/{numero}/pieces`); absent until the first. */
  pieces_recues?: PieceRecue[];
}

/** A file Urbanisme received for a dossier, as its API lists it (snake_case, as the rest of Urbanisme). */
export interface PieceRecue {
  /** The document's nature, as the depositor named the part (Guichet sends its kind codes). */
  type_piece: string;
  nom_fichier: string;
  type_mime: string;
  taille_octets: number;
  /** sha256 hex of the bytes received. */
  sha256: string;
  /** ISO 8601 with a `+00:00` offset, like every Urbanisme date. */
  recue_le: string;
}

/** `2026-03-14T09:12:00Z` → `2026-03-14T09:12:00+00:00`: the application server writes offsets, never `Z`. */
export function legacyInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Shapes one seeded permit application into Urbanisme's record. */
export function toLegacyDossier(permit: PermitApplication): DossierUrbanisme {
  const history: readonly Step<PermitStage>[] = permit.history;
  const first = history[0];
  const last = history.at(-1);
  if (!first || !last) throw new Error(`permit ${permit.numero} has no history`);
  return {
    numero: permit.numero,
    demandeur_niu: permit.niu,
    etape: last.status,
    libelle_etape: libellesEtape[last.status],
    date_depot: legacyInstant(Date.parse(first.at)),
    date_maj: legacyInstant(Date.parse(last.at)),
    titre_foncier: permit.landTitle,
    architecte: { numero_ordre: permit.architectRegistration, nom: permit.architectName },
    commune: permit.commune,
    quartier: permit.quarter,
    nature_projet: permit.projectKind,
    surface_plancher_m2: permit.floorAreaM2,
    niveaux: permit.levels,
    historique: history.map((step) => ({ etape: step.status, date: legacyInstant(Date.parse(step.at)), commentaire: step.comment ?? null })),
    pieces_manquantes: [...permit.missingDocuments],
    reference_externe: permit.externalReference,
  };
}
