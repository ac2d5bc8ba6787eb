import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CivilAct } from './civil-act.js';
import { CivilActCopyRequest } from './civil-act-copy-request.js';
import { Citizen } from './citizen.js';
import type { CivilRegistryContext } from './context.js';
import { civilActView, copyRequestView } from './views.js';

@Resolver(() => Citizen)
export class CitizenResolver {
  @FieldResolver(() => [CivilAct], { nullable: true, description: 'Les actes d’état civil du citoyen (null si le RNEC ne répond pas).' })
  async civilActs(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await ctx.loaders.actsOfCitizen.load(citizen.niu)).map(civilActView);
  }

  @FieldResolver(() => [CivilActCopyRequest], { nullable: true, description: 'Les demandes de copies d’actes du citoyen (null si le RNEC ne répond pas).' })
  async civilActCopyRequests(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    const records = await ctx.loaders.copyRequestsOfCitizen.load(citizen.niu);
    for (const record of records) ctx.loaders.copyRequest.prime(record.reference, record);
    return records.map(copyRequestView);
  }
}
