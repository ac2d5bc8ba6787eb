/**
 * RNEC v2's operation names, as the fault layer counts and targets them (`FAULT_OPERATIONS`, `/__admin/calls`).
 * The `v2.` prefix keeps them apart from the SOAP operations served by the same process.
 */
export const RnecV2Operation = {
  consulterPersonne: 'v2.consulterPersonne',
  consulterPersonnes: 'v2.consulterPersonnes',
  listerActes: 'v2.listerActes',
  listerDemandes: 'v2.listerDemandes',
  consulterActe: 'v2.consulterActe',
  demanderCopieActe: 'v2.demanderCopieActe',
  suivreDemande: 'v2.suivreDemande',
  rechercherDemandes: 'v2.rechercherDemandes',
  demandesModifiees: 'v2.demandesModifiees',
  listerPieces: 'v2.listerPieces',
  /** Not idempotent, like `DeposerPieces`: a file sent twice is held twice. */
  deposerPieces: 'v2.deposerPieces',
  inconnue: 'v2.inconnue',
} as const;

export type RnecV2Operation = (typeof RnecV2Operation)[keyof typeof RnecV2Operation];

/** Every v2 operation: what a test puts in `operations` to fault v2 and leave SOAP alone. */
export const rnecV2Operations: readonly RnecV2Operation[] = Object.values(RnecV2Operation);

/** Where v2 is served, beside the SOAP endpoint. */
export const RNEC_V2_PATH = '/v2';
