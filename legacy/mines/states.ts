import { minesStateCodes, type MinesStateCode } from '../../schema/index.js';

/** SIGEM's state codes (`CodeEtat`, shared with the procedure table's stages) and their labels, as its agents' screens show them. */
export const codesEtat = minesStateCodes;
export type CodeEtat = MinesStateCode;

export const libellesEtat: Readonly<Record<CodeEtat, string>> = {
  ENR: 'Enregistré au guichet unique',
  RECV: 'Examen de recevabilité',
  COMPL: 'Compléments demandés',
  INST: 'Instruction technique',
  ENQ: 'Enquête de commodo et incommodo',
  VISITE: 'Visite de terrain',
  AVIS: 'Avis des organismes consultés (ARSE, administrations)',
  PAIE: 'En attente du paiement des droits fixes',
  SIGN: 'Arrêté à la signature',
  DELIV: 'Titre délivré',
  ENREG: 'Déclaration enregistrée',
  REJ: 'Rejeté',
};
