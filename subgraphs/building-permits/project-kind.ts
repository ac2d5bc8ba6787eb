import { registerEnumType } from 'type-graphql';

export const ProjectKind = {
  SINGLE_HOUSE: 'SINGLE_HOUSE',
  BUILDING_R1: 'BUILDING_R1',
  BUILDING_R2: 'BUILDING_R2',
  COMMERCIAL: 'COMMERCIAL',
  FENCE: 'FENCE',
} as const;
export type ProjectKind = (typeof ProjectKind)[keyof typeof ProjectKind];

registerEnumType(ProjectKind, {
  name: 'ProjectKind',
  description: 'Nature du projet de construction.',
  valuesConfig: {
    SINGLE_HOUSE: { description: 'Maison individuelle.' },
    BUILDING_R1: { description: 'Immeuble R+1.' },
    BUILDING_R2: { description: 'Immeuble R+2.' },
    COMMERCIAL: { description: 'Local commercial.' },
    FENCE: { description: 'Clôture.' },
  },
});
