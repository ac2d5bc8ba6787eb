import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CitizenRecord } from '../../adapters/rnec/index.js';
import { DateScalar } from '../shared/index.js';
import { CivilAct } from './civil-act.js';
import { CivilActCopyRequest } from './civil-act-copy-request.js';
import { Citizen } from './citizen.js';
import type { CivilRegistryContext } from './context.js';
import { Sex } from './enums.js';
import { civilActView, copyRequestView } from './views.js';

const identity = (citizen: Citizen, ctx: CivilRegistryContext): Promise<CitizenRecord> => ctx.loaders.citizen.load(citizen.niu);

@Resolver(() => Citizen)
export class CitizenResolver {
  @FieldResolver(() => String, { description: 'Prénom(s).' })
  async firstName(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).firstNames;
  }

  @FieldResolver(() => String, { description: 'Nom de famille.' })
  async lastName(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).lastName;
  }

  @FieldResolver(() => DateScalar, { description: 'Date de naissance.' })
  async birthDate(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).birthDate;
  }

  @FieldResolver(() => String, { description: 'Lieu de naissance (commune).' })
  async birthPlace(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).birthPlace;
  }

  @FieldResolver(() => Sex, { description: 'Sexe à l’état civil.' })
  async sex(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext): Promise<Sex> {
    return (await identity(citizen, ctx)).sex === 'F' ? Sex.FEMALE : Sex.MALE;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Date de décès, le cas échéant.' })
  async deathDate(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).deathDate;
  }

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
