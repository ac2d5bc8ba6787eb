/** The mineral substances of the graph (`MineralSubstance`) ↔ SIGEM's codes. */
export type MineralSubstance = 'GOLD' | 'PHOSPHATE' | 'LIMESTONE' | 'GRANITE' | 'SAND' | 'GRAVEL' | 'MARBLE' | 'MANGANESE' | 'CLAY';

export const substanceOfLegacyCode: Readonly<Record<string, MineralSubstance>> = {
  OR: 'GOLD',
  PHOS: 'PHOSPHATE',
  CALC: 'LIMESTONE',
  GRAN: 'GRANITE',
  SABL: 'SAND',
  GRAV: 'GRAVEL',
  MARB: 'MARBLE',
  MANG: 'MANGANESE',
  ARGI: 'CLAY',
};

export const legacyCodeOfSubstance: Readonly<Record<MineralSubstance, string>> = Object.fromEntries(Object.entries(substanceOfLegacyCode).map(([code, substance]) => [substance, code])) as Record<
  MineralSubstance,
  string
>;

export const mineralSubstances = Object.values(substanceOfLegacyCode) as readonly MineralSubstance[];
