import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ElectricityRequestRecord } from '../../adapters/ceet/index.js';
import { ProcedureCode } from '../../schema/index.js';
import { asReceipt, assertIdempotencyKey, assertReference, canFileFor, CitizenDossierListReaders, DossierFilers, DossierReaders, dossierView, externalReferenceFor, forbiddenError, RequiresScopes, Scopes, recordOfOutcome, userInputError } from '../shared/index.js';
import { Citizen } from './citizen.js';
import type { ElectricityContext } from './context.js';
import { ElectricityConnectionInput } from './electricity-connection-input.js';
import { ElectricityConnectionRequest } from './electricity-connection-request.js';
import { ElectricityRequestPage } from './electricity-request-page.js';
import { queuedElectricityRecord } from './queued-request.js';

const MAX_PAGE_SIZE = 100;

@Resolver(() => ElectricityConnectionRequest)
export class ElectricityResolver {
  @DossierReaders()
  @Query(() => ElectricityConnectionRequest, { nullable: true, description: 'Une demande de raccordement par sa référence (CEET-AAAA-NNNNNN).' })
  async electricityConnectionRequest(@Arg('reference', () => ID) reference: string, @Ctx() ctx: ElectricityContext) {
    assertReference(reference, 'CEET');
    return dossierView(await ctx.loaders.request.load(reference));
  }

  @RequiresScopes(Scopes.agentOf('ENERGY'), Scopes.readDossiers)
  @Query(() => ElectricityRequestPage, { description: 'File des demandes de raccordement, les plus récentes d’abord (agents de la CEET).' })
  async electricityConnectionRequests(
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('pageSize', () => Int, { defaultValue: 20 }) pageSize: number,
    @Ctx() ctx: ElectricityContext,
  ) {
    if (page < 1) throw userInputError('Le numéro de page commence à 1.', 'page');
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw userInputError(`La taille de page doit être comprise entre 1 et ${MAX_PAGE_SIZE}.`, 'pageSize');
    const result = await ctx.ceet.listRequests({ page, pageSize });
    return { totalCount: result.totalCount, nodes: ctx.worklist(result.items).map(dossierView) };
  }

  @DossierFilers()
  @Mutation(() => ElectricityConnectionRequest, {
    description: 'Dépose une demande de raccordement. Rejouer la même clé d’idempotence renvoie la même demande, sans en créer une seconde.',
  })
  async requestElectricityConnection(
    @Arg('input', () => ElectricityConnectionInput) input: ElectricityConnectionInput,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() ctx: ElectricityContext,
  ) {
    assertIdempotencyKey(idempotencyKey);
    if (!canFileFor(ctx.principal, input.applicantNiu)) throw forbiddenError('Vous ne pouvez déposer une demande que pour vous-même.');
    const externalReference = externalReferenceFor('CEET', ProcedureCode.ELECTRICITY_CONNECTION_LV, input.applicantNiu, idempotencyKey);
    const ceetInput = {
      niu: input.applicantNiu,
      meterType: input.meterType,
      communeCode: input.communeCode,
      quarter: input.quarter,
      landTitle: input.landTitle ?? null,
      applianceCount: input.applianceCount,
      externalReference,
    };
    // Delivered now if CEET can take it, else held durably and answered QUEUED; retries never file twice.
    const outcome = await ctx.outbox.submit({
      externalReference,
      procedureCode: ProcedureCode.ELECTRICITY_CONNECTION_LV,
      applicantNiu: input.applicantNiu,
      payload: ceetInput,
      sameRecord: (existing) =>
        existing.applicantNiu === input.applicantNiu &&
        existing.meterType === input.meterType &&
        existing.communeCode === input.communeCode &&
        existing.applianceCount === input.applianceCount,
    });
    const record = recordOfOutcome(outcome, queuedElectricityRecord);
    ctx.access.record({ niu: record.applicantNiu, system: 'ceet', action: 'write' });
    return asReceipt(ctx, dossierView(record));
  }

  @FieldResolver(() => Citizen, { nullable: true, description: 'Le demandeur.' })
  applicant(@Root() request: ElectricityRequestRecord): Citizen {
    return { niu: request.applicantNiu };
  }
}

@Resolver(() => Citizen)
export class CitizenElectricityResolver {
  @CitizenDossierListReaders()
  @FieldResolver(() => [ElectricityConnectionRequest], {
    nullable: true,
    description: 'Les demandes de raccordement du citoyen (null si la CEET ne répond pas).',
  })
  async electricityRequests(@Root() citizen: Citizen, @Ctx() ctx: ElectricityContext) {
    const records = await ctx.loaders.requestsOfCitizen.load(citizen.niu);
    for (const record of records) ctx.loaders.request.prime(record.reference, record);
    return records.map(dossierView);
  }
}
