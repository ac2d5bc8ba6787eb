import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BuildingPermitRecord } from '../../adapters/urbanisme/index.js';
import { ProcedureCode } from '../../schema/index.js';
import {
  asReceipt,
  assertReference,
  CitizenDossierListReaders,
  documentsFiling,
  DossierFilers,
  DossierReaders,
  FiledDocument,
  filedDocumentsOf,
  RequiresScopes,
  Scopes,
  userInputError,
} from '../shared/index.js';
import { BuildingPermitApplication } from './building-permit-application.js';
import { BuildingPermitInput } from './building-permit-application-input.js';
import { BuildingPermitPage } from './building-permit-application-page.js';
import { Citizen } from './citizen.js';
import type { BuildingPermitsContext } from './ministry.js';
import { permitView } from './permit-view.js';

const MAX_PAGE_SIZE = 100;

@Resolver(() => BuildingPermitApplication)
export class BuildingPermitsResolver {
  @DossierReaders()
  @Query(() => BuildingPermitApplication, { nullable: true, description: 'Une demande de permis par sa référence (URB-AAAA-NNNNNN).' })
  async buildingPermitApplication(@Arg('reference', () => ID) reference: string, @Ctx() ctx: BuildingPermitsContext) {
    assertReference(reference, 'URB');
    return permitView(await ctx.dossiers.byReference.load(reference));
  }

  @RequiresScopes(Scopes.agentOf('URBAN_PLANNING'), Scopes.readDossiers)
  @Query(() => BuildingPermitPage, { description: 'File des demandes de permis de construire (agents de l’Urbanisme).' })
  async buildingPermitApplications(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: BuildingPermitsContext,
  ) {
    if (first < 1 || first > MAX_PAGE_SIZE) throw userInputError(`Le nombre d’éléments demandés doit être compris entre 1 et ${MAX_PAGE_SIZE}.`, 'first');
    const page = await ctx.adapter.listApplications({ ...(after ? { cursor: after } : {}), limit: first });
    return { totalCount: page.totalCount, nodes: ctx.dossiers.worklist(page.items).map(permitView), endCursor: page.nextCursor };
  }

  @DossierFilers()
  @Mutation(() => BuildingPermitApplication, {
    description: 'Dépose une demande de permis de construire. Rejouer la même clé d’idempotence renvoie la même demande, sans en créer une seconde.',
  })
  async applyForBuildingPermit(@Arg('input', () => BuildingPermitInput) input: BuildingPermitInput, @Arg('idempotencyKey', () => String) idempotencyKey: string, @Ctx() ctx: BuildingPermitsContext) {
    const documents = documentsFiling(ctx, ProcedureCode.BUILDING_PERMIT, input.documents);
    const record = await ctx.submit({
      procedureCode: ProcedureCode.BUILDING_PERMIT,
      applicantNiu: input.applicantNiu,
      idempotencyKey,
      payload: async () => ({
        // Checked before the outbox, then marked as filed with this very application just before it (documentsFiling).
        documents: await documents.check(),
        niu: input.applicantNiu,
        landTitle: input.landTitle,
        architectRegistration: input.architectRegistration,
        communeCode: input.communeCode,
        quarter: input.quarter,
        projectKind: input.projectKind,
        floorAreaM2: input.floorAreaM2,
        levels: input.levels,
      }),
      ...documents.filing,
      sameRecord: (existing) => existing.applicantNiu === input.applicantNiu && existing.landTitle === input.landTitle && existing.architectRegistration === input.architectRegistration,
    });
    return asReceipt(ctx, permitView(record));
  }

  // Urbanisme lists the files it holds in the dossier itself (kind, sha256); Guichet's ids come from its store.
  @FieldResolver(() => [FiledDocument])
  documents(@Root() application: BuildingPermitRecord, @Ctx() ctx: BuildingPermitsContext): Promise<FiledDocument[]> {
    return filedDocumentsOf(application, ctx.documents);
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
    return (await ctx.dossiers.listOfCitizen(citizen.niu)).map(permitView);
  }
}
