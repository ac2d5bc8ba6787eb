import { registerEnumType } from 'type-graphql';

export const MeterType = { SINGLE_PHASE: 'SINGLE_PHASE', THREE_PHASE: 'THREE_PHASE' } as const;
export type MeterType = (typeof MeterType)[keyof typeof MeterType];

registerEnumType(MeterType, {
  name: 'MeterType',
  description: 'Type de compteur demandé.',
  valuesConfig: {
    SINGLE_PHASE: { description: 'Monophasé (MONO à la CEET) : logements ordinaires.' },
    THREE_PHASE: { description: 'Triphasé (TRI à la CEET) : fortes puissances.' },
  },
});
