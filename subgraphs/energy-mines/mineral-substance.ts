import { registerEnumType } from 'type-graphql';
import type { MineralSubstance as Substance } from '../../adapters/mines/index.js';

/** The substances of the mining titles (GraphQL `MineralSubstance`). */
export const MineralSubstance: { readonly [K in Substance]: K } = {
  GOLD: 'GOLD',
  PHOSPHATE: 'PHOSPHATE',
  LIMESTONE: 'LIMESTONE',
  GRANITE: 'GRANITE',
  SAND: 'SAND',
  GRAVEL: 'GRAVEL',
  MARBLE: 'MARBLE',
  MANGANESE: 'MANGANESE',
  CLAY: 'CLAY',
};
export type MineralSubstance = Substance;

registerEnumType(MineralSubstance, {
  name: 'MineralSubstance',
  description: 'Substance minérale sollicitée par un titre minier.',
  valuesConfig: {
    GOLD: { description: 'Or (OR).' },
    PHOSPHATE: { description: 'Phosphate (PHOS).' },
    LIMESTONE: { description: 'Calcaire (CALC), y compris pour le ciment.' },
    GRANITE: { description: 'Granite (GRAN).' },
    SAND: { description: 'Sable (SABL).' },
    GRAVEL: { description: 'Gravier (GRAV).' },
    MARBLE: { description: 'Marbre (MARB).' },
    MANGANESE: { description: 'Manganèse (MANG).' },
    CLAY: { description: 'Argile (ARGI).' },
  },
});
