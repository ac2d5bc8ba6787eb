/** CEET's operation names (as its simulator counts them), used in errors, logs and metrics. */
export const CeetOperation = {
  listerDemandes: 'listerDemandes',
  consulterDemande: 'consulterDemande',
  consulterDemandesParNumeros: 'consulterDemandesParNumeros',
  rechercherParReferenceExterne: 'rechercherParReferenceExterne',
  creerDemande: 'creerDemande',
  demandesModifiees: 'demandesModifiees',
  listerPieces: 'listerPieces',
  deposerPieces: 'deposerPieces',
  sante: 'sante',
} as const;

export type CeetOperation = (typeof CeetOperation)[keyof typeof CeetOperation];
