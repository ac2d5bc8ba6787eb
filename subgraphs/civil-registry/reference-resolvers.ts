import type { ReferenceResolvers } from '../shared/index.js';
import type { CivilRegistryContext } from './context.js';
import { citizenView, copyRequestView } from './views.js';

/** `_entities` lookups: citizens through one `ConsulterPersonnes` per 50 NIUs; copy requests with bounded concurrency. */
export const civilRegistryReferenceResolvers: ReferenceResolvers = {
  Citizen: {
    __resolveReference: async (reference: { niu: string }, ctx: CivilRegistryContext) => citizenView(await ctx.loaders.citizen.load(reference.niu)),
  },
  CivilActCopyRequest: {
    __resolveReference: async (reference: { reference: string }, ctx: CivilRegistryContext) => copyRequestView(await ctx.loaders.copyRequest.load(reference.reference)),
  },
};
