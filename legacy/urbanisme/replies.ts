/** Urbanisme's application error codes, always carried inside an HTTP 200. */
export type CodeErreur = 'DOSSIER_INTROUVABLE' | 'PARAMETRE_INVALIDE' | 'TITRE_FONCIER_REQUIS' | 'ARCHITECTE_NON_INSCRIT' | 'ROUTE_INCONNUE' | 'ERREUR_INTERNE';

/** An application error a handler throws; the router turns it into `{"statut":"erreur",…}` with HTTP 200. */
export class ErreurUrbanisme extends Error {
  constructor(
    readonly code: CodeErreur,
    message: string,
  ) {
    super(message);
    this.name = 'ErreurUrbanisme';
  }
}

export type Reponse = { readonly statut: 'ok' } & Record<string, unknown>;

export function ok(body: Record<string, unknown>): Reponse {
  return { statut: 'ok', ...body };
}

export function erreur(code: CodeErreur, message: string): { statut: 'erreur'; code: CodeErreur; message: string } {
  return { statut: 'erreur', code, message };
}
