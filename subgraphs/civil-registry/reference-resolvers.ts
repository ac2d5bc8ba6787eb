import { referenceOfKey, type DossierKey, type ReferenceResolvers } from '../shared/index.js';
import type { CivilRegistryContext } from './context.js';
import { copyRequestView } from './views.js';

/** `_entities` lookups: citizens' identity batched later per field (one `ConsulterPersonnes` per 50 NIUs); copy requests with bounded concurrency. */
export const civilRegistryReferenceResolvers: ReferenceResolvers = {
  Citizen: {
    // Identity loads lazily per field (CitizenResolver): the key is all the entity needs here.
    __resolveReference: (reference: { niu: string }) => ({ niu: reference.niu }),
  },
  CivilActCopyRequest: {
    __resolveReference: async (key: DossierKey, ctx: CivilRegistryContext) => copyRequestView(await ctx.loaders.copyRequest.load(referenceOfKey(key))),
  },
};
