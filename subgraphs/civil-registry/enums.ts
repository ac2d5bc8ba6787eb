import { registerEnumType } from 'type-graphql';

export const Sex = { FEMALE: 'FEMALE', MALE: 'MALE' } as const;
export type Sex = (typeof Sex)[keyof typeof Sex];

registerEnumType(Sex, { name: 'Sex', description: 'Sexe à l’état civil.', valuesConfig: { FEMALE: { description: 'Féminin (F).' }, MALE: { description: 'Masculin (M).' } } });

export const CivilActKind = { BIRTH: 'BIRTH', MARRIAGE: 'MARRIAGE', DEATH: 'DEATH' } as const;
export type CivilActKind = (typeof CivilActKind)[keyof typeof CivilActKind];

registerEnumType(CivilActKind, {
  name: 'CivilActKind',
  description: 'Nature d’un acte d’état civil.',
  valuesConfig: { BIRTH: { description: 'Acte de naissance (N).' }, MARRIAGE: { description: 'Acte de mariage (M).' }, DEATH: { description: 'Acte de décès (D).' } },
});
