/**
 * Operation names of CEET's API, as the fault layer counts and targets them (`FAULT_OPERATIONS`, `/__admin/calls`).
 * One path can carry several operations: `GET /v1/demandes` is a list, a batch lookup or a search by its query.
 */
export const CeetOperation = {
  /** `GET /v1/demandes?niu=&page=&taille=` (or without `niu`: every request, newest first). */
  listerDemandes: 'listerDemandes',
  /** `GET /v1/demandes/{numero}`. */
  consulterDemande: 'consulterDemande',
  /** `GET /v1/demandes?numeros=A,B,…` (≤ 20). */
  consulterDemandesParNumeros: 'consulterDemandesParNumeros',
  /** `GET /v1/demandes?referenceExterne=`. */
  rechercherParReferenceExterne: 'rechercherParReferenceExterne',
  /** `POST /v1/demandes` (not idempotent). */
  creerDemande: 'creerDemande',
  /** `GET /v1/demandes/modifiees?depuis=` (change feed). */
  demandesModifiees: 'demandesModifiees',
  /** `GET /v1/demandes/{numero}/pieces`. */
  listerPieces: 'listerPieces',
  /** `POST /v1/demandes/{numero}/pieces` (multipart; not idempotent: a file sent twice is kept twice). */
  deposerPieces: 'deposerPieces',
  /** `GET /v1/sante`. */
  sante: 'sante',
  /** Anything else (answered 404). */
  inconnue: 'inconnue',
} as const;

export type CeetOperation = (typeof CeetOperation)[keyof typeof CeetOperation];
