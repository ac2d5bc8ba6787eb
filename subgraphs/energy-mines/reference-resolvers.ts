import { type DossierKey, dossierView, referenceOfKey, type ReferenceResolvers } from '../shared/index.js';
import type { EnergyMinesContext } from './context.js';

/** `_entities` lookups: batched through the per-request loader, one `?numeros=` call per 25 references. */
export const energyMinesReferenceResolvers: ReferenceResolvers = {
  EnergyMinesApplication: {
    __resolveReference: async (key: DossierKey, ctx: EnergyMinesContext) => dossierView(await ctx.loaders.application.load(referenceOfKey(key))),
  },
};
