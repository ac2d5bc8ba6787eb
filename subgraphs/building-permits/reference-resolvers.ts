import { referenceOfKey, type DossierKey, type ReferenceResolvers } from '../shared/index.js';
import type { BuildingPermitsContext } from './context.js';
import { permitView } from './permit-view.js';

/** `_entities` lookups: batched through the per-request loader, one `?numeros=` call per 20 references. */
export const buildingPermitsReferenceResolvers: ReferenceResolvers = {
  BuildingPermitApplication: {
    __resolveReference: async (key: DossierKey, ctx: BuildingPermitsContext) => permitView(await ctx.loaders.application.load(referenceOfKey(key))),
  },
};
