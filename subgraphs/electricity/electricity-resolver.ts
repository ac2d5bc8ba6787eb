import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ElectricityRequestRecord } from '../../adapters/ceet/index.js';
import { ProcedureCode } from '../../schema/index.js';
import {
  asReceipt,
  assertReference,
  CitizenDossierListReaders,
  documentsFiling,
  DossierFilers,
  DossierReaders,
  dossierView,
  FiledDocument,
  filedDocumentsOf,
  RequiresScopes,
  Scopes,
  userInputError,
} from '../shared/index.js';
import { Citizen } from './citizen.js';
import { ElectricityConnectionRequest } from './electricity-connection-request.js';
import { ElectricityConnectionInput } from './electricity-connection-request-input.js';
import { ElectricityRequestPage } from './electricity-connection-request-page.js';
import type { ElectricityContext } from './ministry.js';

const MAX_PAGE_SIZE = 100;

@Resolver(() => ElectricityConnectionRequest)
export class ElectricityResolver {
  @DossierReaders()
  @Query(() => ElectricityConnectionRequest, { nullable: true, description: 'Une demande de raccordement par sa référence (CEET-AAAA-NNNNNN).' })
  async electricityConnectionRequest(@Arg('reference', () => ID) reference: string, @Ctx() ctx: ElectricityContext) {
    assertReference(reference, 'CEET');
    return dossierView(await ctx.dossiers.byReference.load(reference));
  }

  @RequiresScopes(Scopes.agentOf('ENERGY'), Scopes.readDossiers)
  @Query(() => ElectricityRequestPage, { description: 'File des demandes de raccordement, les plus récentes d’abord (agents de la CEET).' })
  async electricityConnectionRequests(@Arg('page', () => Int, { defaultValue: 1 }) page: number, @Arg('pageSize', () => Int, { defaultValue: 20 }) pageSize: number, @Ctx() ctx: ElectricityContext) {
    if (page < 1) throw userInputError('Le numéro de page commence à 1.', 'page');
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw userInputError(`La taille de page doit être comprise entre 1 et ${MAX_PAGE_SIZE}.`, 'pageSize');
    const result = await ctx.adapter.listRequests({ page, pageSize });
    return { totalCount: result.totalCount, nodes: ctx.dossiers.worklist(result.items).map(dossierView) };
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
    const documents = documentsFiling(ctx, ProcedureCode.ELECTRICITY_CONNECTION_LV, input.documents);
    const record = await ctx.submit({
      procedureCode: ProcedureCode.ELECTRICITY_CONNECTION_LV,
      applicantNiu: input.applicantNiu,
      idempotencyKey,
      payload: async () => ({
        // Checked before the outbox, then marked as filed with this very request just before it (documentsFiling).
        documents: await documents.check(),
        niu: input.applicantNiu,
        meterType: input.meterType,
        communeCode: input.communeCode,
        quarter: input.quarter,
        landTitle: input.landTitle ?? null,
        applianceCount: input.applianceCount,
      }),
      ...documents.filing,
      sameRecord: (existing) =>
        existing.applicantNiu === input.applicantNiu && existing.meterType === input.meterType && existing.communeCode === input.communeCode && existing.applianceCount === input.applianceCount,
    });
    return asReceipt(ctx, dossierView(record));
  }

  // CEET lists the files it holds in the request itself (kind, sha256); Guichet's ids come from its store.
  @FieldResolver(() => [FiledDocument])
  documents(@Root() request: ElectricityRequestRecord, @Ctx() ctx: ElectricityContext): Promise<FiledDocument[]> {
    return filedDocumentsOf(request, ctx.documents);
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
    return (await ctx.dossiers.listOfCitizen(citizen.niu)).map(dossierView);
  }
}
