import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CitizenRecord } from '../../adapters/rnec/index.js';
import { CitizenDossierListReaders, DateScalar, RequiresScopes, Scopes } from '../shared/index.js';
import { CivilAct } from './civil-act.js';
import { CivilActCopyRequest } from './civil-act-copy-request.js';
import { Citizen } from './citizen.js';
import type { CivilRegistryContext } from './context.js';
import { Sex } from './enums.js';
import { civilActView, copyRequestView } from './views.js';

/** Identity: the citizen themself, agents (as applicants of their ministry's dossiers), integrators allowed to read citizens. */
const IdentityReaders = () => RequiresScopes(Scopes.citizenSelf, Scopes.anyAgent, Scopes.readCitizens);

const identity = (citizen: Citizen, ctx: CivilRegistryContext): Promise<CitizenRecord> => ctx.loaders.citizen.load(citizen.niu);

@Resolver(() => Citizen)
export class CitizenResolver {
  @IdentityReaders()
  @FieldResolver(() => String, { nullable: true, description: 'Prénom(s) (null si le RNEC ne répond pas).' })
  async firstName(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).firstNames;
  }

  @IdentityReaders()
  @FieldResolver(() => String, { nullable: true, description: 'Nom de famille (null si le RNEC ne répond pas).' })
  async lastName(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).lastName;
  }

  @IdentityReaders()
  @FieldResolver(() => DateScalar, { nullable: true, description: 'Date de naissance (null si le RNEC ne répond pas).' })
  async birthDate(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).birthDate;
  }

  @IdentityReaders()
  @FieldResolver(() => String, { nullable: true, description: 'Lieu de naissance (commune ; null si le RNEC ne répond pas).' })
  async birthPlace(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).birthPlace;
  }

  @IdentityReaders()
  @FieldResolver(() => Sex, { nullable: true, description: 'Sexe à l’état civil (null si le RNEC ne répond pas).' })
  async sex(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext): Promise<Sex> {
    return (await identity(citizen, ctx)).sex === 'F' ? Sex.FEMALE : Sex.MALE;
  }

  @IdentityReaders()
  @FieldResolver(() => DateScalar, { nullable: true, description: 'Date de décès, le cas échéant.' })
  async deathDate(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await identity(citizen, ctx)).deathDate;
  }

  @RequiresScopes(Scopes.citizenSelf, Scopes.readCitizens)
  @FieldResolver(() => [CivilAct], { nullable: true, description: 'Les actes d’état civil du citoyen (null si le RNEC ne répond pas).' })
  async civilActs(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await ctx.loaders.actsOfCitizen.load(citizen.niu)).map(civilActView);
  }

  @CitizenDossierListReaders()
  @FieldResolver(() => [CivilActCopyRequest], { nullable: true, description: 'Les demandes de copies d’actes du citoyen (null si le RNEC ne répond pas).' })
  async civilActCopyRequests(@Root() citizen: Citizen, @Ctx() ctx: CivilRegistryContext) {
    return (await ctx.dossiers.listOfCitizen(citizen.niu)).map(copyRequestView);
  }
}
