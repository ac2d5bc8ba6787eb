/** SIGEM's state codes (`CodeEtat`) and their labels, as its agents' screens show them. */
export const codesEtat = ['ENR', 'RECV', 'COMPL', 'INST', 'VISITE', 'PAIE', 'SIGN', 'DELIV', 'REJ'] as const;
export type CodeEtat = (typeof codesEtat)[number];

export const libellesEtat: Readonly<Record<CodeEtat, string>> = {
  ENR: 'Enregistré au guichet unique',
  RECV: 'Examen de recevabilité',
  COMPL: 'Compléments demandés',
  INST: 'Instruction technique (DGMG / DGE)',
  VISITE: 'Visite de terrain',
  PAIE: 'En attente du paiement des droits fixes',
  SIGN: 'Arrêté à la signature',
  DELIV: 'Titre délivré',
  REJ: 'Rejeté',
};
