import type { DossierStatus } from '../../schema/index.js';
import type { ProjectKind } from './types.js';

export interface StageMapping {
  readonly status: DossierStatus;
  /** French label shown to citizens and agents. */
  readonly label: string;
  /** What the citizen must do next, if anything (PIECES_MANQUANTES builds its own from the list). */
  readonly nextAction: string | null;
}

/** Urbanisme's stages → the normalized status. */
export const stages: Readonly<Record<string, StageMapping>> = {
  DEPOT: { status: 'SUBMITTED', label: 'Dossier déposé', nextAction: null },
  RECEVABILITE: { status: 'IN_PROGRESS', label: 'Examen de recevabilité', nextAction: null },
  INSTRUCTION_TECHNIQUE: { status: 'IN_PROGRESS', label: 'Instruction technique', nextAction: null },
  AVIS_COMMISSION: { status: 'IN_PROGRESS', label: 'Avis de la commission', nextAction: null },
  SIGNATURE: { status: 'IN_PROGRESS', label: 'À la signature', nextAction: null },
  DELIVRE: { status: 'APPROVED', label: 'Permis délivré', nextAction: 'Retirer le permis de construire à la direction régionale de l’urbanisme' },
  REJETE: { status: 'REJECTED', label: 'Dossier rejeté', nextAction: null },
  PIECES_MANQUANTES: { status: 'ACTION_REQUIRED', label: 'Pièces manquantes', nextAction: 'Fournir les pièces manquantes' },
};

export function missingDocumentsAction(documents: readonly string[]): string {
  return documents.length > 0 ? `Fournir les pièces manquantes : ${documents.join(', ')}` : 'Fournir les pièces manquantes';
}

/** `nature_projet` ↔ ProjectKind, both ways. */
export const projectKindOfNature: Readonly<Record<string, ProjectKind>> = {
  MAISON_INDIVIDUELLE: 'SINGLE_HOUSE',
  'IMMEUBLE_R+1': 'BUILDING_R1',
  'IMMEUBLE_R+2': 'BUILDING_R2',
  COMMERCE: 'COMMERCIAL',
  CLOTURE: 'FENCE',
};

export const natureOfProjectKind: Readonly<Record<ProjectKind, string>> = {
  SINGLE_HOUSE: 'MAISON_INDIVIDUELLE',
  BUILDING_R1: 'IMMEUBLE_R+1',
  BUILDING_R2: 'IMMEUBLE_R+2',
  COMMERCIAL: 'COMMERCE',
  FENCE: 'CLOTURE',
};
