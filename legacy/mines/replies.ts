/** The system's error codes, each with the HTTP status it answers with. */
export const codesErreur = {
  DOSSIER_INEXISTANT: 404,
  PARAMETRE_INVALIDE: 400,
  PROCEDURE_INCONNUE: 422,
  PIECE_MANQUANTE: 422,
  /** A deposit for a company SIGEM's register does not know (or whose NIF and RCCM do not go together). */
  SOCIETE_INCONNUE: 422,
  /** A deposit for a company by a person who holds no mandate of it. */
  MANDATAIRE_NON_HABILITE: 403,
  ROUTE_INCONNUE: 404,
  ERREUR_TECHNIQUE: 500,
} as const;
export type CodeErreur = keyof typeof codesErreur;

/** An application error a handler throws; the router answers `{ Succes: false, Erreur }` with its status. */
export class ErreurMines extends Error {
  constructor(
    readonly code: CodeErreur,
    message: string,
  ) {
    super(message);
    this.name = 'ErreurMines';
  }
}

/** A success: its HTTP status and what goes in `Donnees`. */
export interface Reponse {
  readonly status: number;
  readonly donnees: unknown;
}

export const ok = (donnees: unknown, status = 200): Reponse => ({ status, donnees });

export function corpsErreur(code: CodeErreur, message: string): { Succes: false; Erreur: { Code: CodeErreur; Message: string } } {
  return { Succes: false, Erreur: { Code: code, Message: message } };
}
