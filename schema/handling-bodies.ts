/**
 * The bodies that process procedures: above all the energy & mines ministry's central directorates and the bodies
 * under its supervision, and the directorates of the other connected ministries. A procedure row names one by code;
 * the catalogue shows its French name.
 */
export const handlingBodies = {
  DGMG: { name: 'Direction générale des mines et de la géologie', kind: 'DIRECTORATE' },
  DGE: { name: 'Direction générale de l’énergie', kind: 'DIRECTORATE' },
  DH: { name: 'Direction des hydrocarbures', kind: 'DIRECTORATE' },
  CEET: { name: 'Compagnie Énergie Électrique du Togo (CEET)', kind: 'SUPERVISED_BODY' },
  AT2ER: { name: 'Agence togolaise d’électrification rurale et des énergies renouvelables (AT2ER)', kind: 'SUPERVISED_BODY' },
  ARSE: { name: 'Autorité de réglementation du secteur de l’électricité (ARSE)', kind: 'SUPERVISED_BODY' },
  DGEC: { name: 'Direction générale de l’état civil (RNEC)', kind: 'DIRECTORATE' },
  DGUH: { name: 'Direction générale de l’urbanisme et de l’habitat', kind: 'DIRECTORATE' },
} as const satisfies Readonly<Record<string, { readonly name: string; readonly kind: 'DIRECTORATE' | 'SUPERVISED_BODY' }>>;

export type HandlingBodyCode = keyof typeof handlingBodies;

export const handlingBodyCodes = Object.keys(handlingBodies) as readonly HandlingBodyCode[];
