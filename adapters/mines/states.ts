import type { DossierStatus } from '../../schema/index.js';

export interface StateMapping {
  readonly status: DossierStatus;
  /** French label shown to citizens and agents. */
  readonly label: string;
  /** What the citizen must do next, if anything (COMPL builds its own from the list of documents). */
  readonly nextAction: string | null;
}

/** SIGEM's `CodeEtat` → the normalized status. */
export const states: Readonly<Record<string, StateMapping>> = {
  ENR: { status: 'SUBMITTED', label: 'Dossier enregistré', nextAction: null },
  RECV: { status: 'IN_PROGRESS', label: 'Examen de recevabilité', nextAction: null },
  COMPL: { status: 'ACTION_REQUIRED', label: 'Compléments demandés', nextAction: 'Fournir les pièces complémentaires demandées' },
  INST: { status: 'IN_PROGRESS', label: 'Instruction technique', nextAction: null },
  VISITE: { status: 'IN_PROGRESS', label: 'Visite de terrain', nextAction: null },
  PAIE: { status: 'ACTION_REQUIRED', label: 'Droits fixes à payer', nextAction: 'Payer les droits fixes par mobile money ou carte pour que l’arrêté soit signé' },
  SIGN: { status: 'IN_PROGRESS', label: 'Arrêté à la signature', nextAction: null },
  DELIV: { status: 'APPROVED', label: 'Titre délivré', nextAction: 'Retirer le titre à la direction générale compétente (DGMG ou DGE), muni de votre pièce d’identité' },
  REJ: { status: 'REJECTED', label: 'Dossier rejeté', nextAction: null },
};

export function missingDocumentsAction(documents: readonly string[]): string {
  return documents.length > 0 ? `Fournir les pièces complémentaires : ${documents.join(', ')}` : 'Fournir les pièces complémentaires demandées';
}
