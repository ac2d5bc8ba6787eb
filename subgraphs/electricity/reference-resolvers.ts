import { dossierView, type ReferenceResolvers } from '../shared/index.js';
import type { ElectricityContext } from './context.js';

/** `_entities` lookups: batched through the per-request loader, one `?numeros=` call per 20 references. */
export const electricityReferenceResolvers: ReferenceResolvers = {
  ElectricityConnectionRequest: {
    __resolveReference: async (reference: { reference: string }, ctx: ElectricityContext) => dossierView(await ctx.loaders.request.load(reference.reference)),
  },
};
