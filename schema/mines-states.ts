/**
 * SIGEM's state codes (`CodeEtat`), shared by the procedure rows (their stages), the simulator (its labels) and the
 * adapter (its mapping to the normalized status): a stage named in a row has a label and a mapping, or the build fails.
 * `ENR` (filed), `COMPL` (documents asked for) and `REJ` (rejected) can happen to every procedure; the rest are stages
 * a procedure lists in its own order.
 */
export const minesStateCodes = ['ENR', 'RECV', 'COMPL', 'INST', 'ENQ', 'VISITE', 'AVIS', 'PAIE', 'SIGN', 'DELIV', 'ENREG', 'REJ'] as const;
export type MinesStateCode = (typeof minesStateCodes)[number];

/** The stages a procedure may list (the others are common to all). */
export type MinesStageCode = Exclude<MinesStateCode, 'ENR' | 'COMPL' | 'REJ'>;

/** SIGEM's substance codes: what a mining title is sought for. */
export const minesSubstanceCodes = ['OR', 'PHOS', 'CALC', 'GRAN', 'SABL', 'GRAV', 'MARB', 'MANG', 'ARGI'] as const;
export type MinesSubstanceCode = (typeof minesSubstanceCodes)[number];
