import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BuildingPermitRecord } from '../../adapters/urbanisme/index.js';
import { ProcedureCode } from '../../schema/index.js';
import { asReceipt, assertIdempotencyKey, assertReference, canFileFor, CitizenDossierListReaders, DossierFilers, DossierReaders, externalReferenceFor, forbiddenError, RequiresScopes, Scopes, recordOfOutcome, userInputError } from '../shared/index.js';
import { BuildingPermitApplication } from './building-permit-application.js';
import { BuildingPermitInput } from './building-permit-input.js';
import { BuildingPermitPage } from './building-permit-page.js';
import { Citizen } from './citizen.js';
import type { BuildingPermitsContext } from './context.js';
import { permitView } from './permit-view.js';
import { queuedPermitRecord } from './queued-application.js';

const MAX_PAGE_SIZE = 100;

@Resolver(() => BuildingPermitApplication)
export class BuildingPermitsResolver {
  @DossierReaders()
  @Query(() => BuildingPermitApplication, { nullable: true, description: 'Une demande de permis par sa référence (URB-AAAA-NNNNNN).' })
  async buildingPermitApplication(@Arg('reference', () => ID) reference: string, @Ctx() ctx: BuildingPermitsContext) {
    assertReference(reference, 'URB');
    return permitView(await ctx.loaders.application.load(reference));
  }

  @RequiresScopes(Scopes.agentOf('URBAN_PLANNING'), Scopes.readDossiers)
  @Query(() => BuildingPermitPage, { description: 'File des demandes de permis de construire (agents de l’Urbanisme).' })
  async buildingPermitApplications(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: BuildingPermitsContext,
  ) {
    if (first < 1 || first > MAX_PAGE_SIZE) throw userInputError(`Le nombre d’éléments demandés doit être compris entre 1 et ${MAX_PAGE_SIZE}.`, 'first');
    const page = await ctx.urbanisme.listApplications({ ...(after ? { cursor: after } : {}), limit: first });
    return { totalCount: page.totalCount, nodes: ctx.worklist(page.items).map(permitView), endCursor: page.nextCursor };
  }

  @DossierFilers()
  @Mutation(() => BuildingPermitApplication, {
    description: 'Dépose une demande de permis de construire. Rejouer la même clé d’idempotence renvoie la même demande, sans en créer une seconde.',
  })
  async applyForBuildingPermit(
    @Arg('input', () => BuildingPermitInput) input: BuildingPermitInput,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() ctx: BuildingPermitsContext,
  ) {
    assertIdempotencyKey(idempotencyKey);
    if (!canFileFor(ctx.principal, input.applicantNiu)) throw forbiddenError('Vous ne pouvez déposer une demande que pour vous-même.');
    const externalReference = externalReferenceFor('URB', ProcedureCode.BUILDING_PERMIT, input.applicantNiu, idempotencyKey);
    const urbanismeInput = {
      niu: input.applicantNiu,
      landTitle: input.landTitle,
      architectRegistration: input.architectRegistration,
      communeCode: input.communeCode,
      quarter: input.quarter,
      projectKind: input.projectKind,
      floorAreaM2: input.floorAreaM2,
      levels: input.levels,
      externalReference,
    };
    // Delivered now if Urbanisme can take it, else held durably and answered QUEUED; retries never file twice.
    const outcome = await ctx.outbox.submit({
      externalReference,
      procedureCode: ProcedureCode.BUILDING_PERMIT,
      applicantNiu: input.applicantNiu,
      payload: urbanismeInput,
      sameRecord: (existing) =>
        existing.applicantNiu === input.applicantNiu && existing.landTitle === input.landTitle && existing.architectRegistration === input.architectRegistration,
    });
    const record = recordOfOutcome(outcome, queuedPermitRecord);
    ctx.access.record({ niu: record.applicantNiu, system: 'urbanisme', action: 'write' });
    return asReceipt(ctx, permitView(record));
  }

  @FieldResolver(() => Citizen, { nullable: true, description: 'Le demandeur.' })
  applicant(@Root() application: BuildingPermitRecord): Citizen {
    return { niu: application.applicantNiu };
  }
}

@Resolver(() => Citizen)
export class CitizenBuildingPermitsResolver {
  @CitizenDossierListReaders()
  @FieldResolver(() => [BuildingPermitApplication], {
    nullable: true,
    description: 'Les demandes de permis de construire du citoyen (null si l’Urbanisme ne répond pas).',
  })
  async buildingPermitApplications(@Root() citizen: Citizen, @Ctx() ctx: BuildingPermitsContext) {
    const records = await ctx.loaders.applicationsOfCitizen.load(citizen.niu);
    for (const record of records) ctx.loaders.application.prime(record.reference, record);
    return records.map(permitView);
  }
}
