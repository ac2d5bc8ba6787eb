import type { DossierStatus, MinesStateCode } from '../../schema/index.js';

export interface StateMapping {
  readonly status: DossierStatus;
  /** French label shown to citizens and agents. */
  readonly label: string;
  /** What the citizen must do next, if anything (COMPL builds its own from the list of documents). */
  readonly nextAction: string | null;
}

/** SIGEM's `CodeEtat` → the normalized status: one entry per state code, so a new stage cannot go unmapped. */
export const states: Readonly<Record<MinesStateCode, StateMapping>> = {
  ENR: { status: 'SUBMITTED', label: 'Dossier enregistré', nextAction: null },
  RECV: { status: 'IN_PROGRESS', label: 'Examen de recevabilité', nextAction: null },
  COMPL: { status: 'ACTION_REQUIRED', label: 'Compléments demandés', nextAction: 'Fournir les pièces complémentaires demandées' },
  INST: { status: 'IN_PROGRESS', label: 'Instruction technique', nextAction: null },
  ENQ: { status: 'IN_PROGRESS', label: 'Enquête publique (commodo et incommodo)', nextAction: null },
  VISITE: { status: 'IN_PROGRESS', label: 'Visite de terrain', nextAction: null },
  AVIS: { status: 'IN_PROGRESS', label: 'Avis des organismes consultés', nextAction: null },
  PAIE: { status: 'ACTION_REQUIRED', label: 'Droits fixes à payer', nextAction: 'Payer les droits fixes par mobile money ou carte pour que l’arrêté soit signé' },
  SIGN: { status: 'IN_PROGRESS', label: 'Arrêté à la signature', nextAction: null },
  DELIV: { status: 'APPROVED', label: 'Titre délivré', nextAction: 'Retirer le titre auprès de la direction ou de l’organisme qui a instruit la demande, muni de votre pièce d’identité' },
  // A declaration is recorded, not granted: nothing follows.
  ENREG: { status: 'COMPLETED', label: 'Déclaration enregistrée', nextAction: null },
  REJ: { status: 'REJECTED', label: 'Dossier rejeté', nextAction: null },
};

/** The mapping of a state code read off the wire, or undefined for a code SIGEM is not known to use. */
export function stateOfCode(code: string): StateMapping | undefined {
  return Object.hasOwn(states, code) ? states[code as MinesStateCode] : undefined;
}

export function missingDocumentsAction(documents: readonly string[]): string {
  return documents.length > 0 ? `Fournir les pièces complémentaires : ${documents.join(', ')}` : 'Fournir les pièces complémentaires demandées';
}
