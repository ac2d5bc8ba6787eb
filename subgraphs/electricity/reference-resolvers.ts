import { type DossierKey, dossierView, referenceOfKey, type ReferenceResolvers } from '../shared/index.js';
import type { ElectricityContext } from './context.js';

/** `_entities` lookups: batched through the per-request loader, one `?numeros=` call per 20 references. */
export const electricityReferenceResolvers: ReferenceResolvers = {
  ElectricityConnectionRequest: {
    __resolveReference: async (key: DossierKey, ctx: ElectricityContext) => dossierView(await ctx.loaders.request.load(referenceOfKey(key))),
  },
};
