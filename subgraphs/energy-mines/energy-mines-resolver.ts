import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isProcedureOfMines, procedureOfCode, type EnergyMinesApplicationRecord } from '../../adapters/mines/index.js';
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
import { EnergyMinesApplication } from './energy-mines-application.js';
import { EnergyMinesApplicationInput } from './energy-mines-application-input.js';
import { EnergyMinesApplicationPage } from './energy-mines-application-page.js';
import type { EnergyMinesContext } from './ministry.js';

const MAX_PAGE_SIZE = 50;

@Resolver(() => EnergyMinesApplication)
export class EnergyMinesResolver {
  @DossierReaders()
  @Query(() => EnergyMinesApplication, { nullable: true, description: 'Une demande par sa référence (MEM-AAAA-NNNNNN).' })
  async energyMinesApplication(@Arg('reference', () => ID) reference: string, @Ctx() ctx: EnergyMinesContext) {
    assertReference(reference, 'MEM');
    return dossierView(await ctx.dossiers.byReference.load(reference));
  }

  @RequiresScopes(Scopes.agentOf('MINES'), Scopes.readDossiers)
  @Query(() => EnergyMinesApplicationPage, { description: 'File des demandes, les plus récentes d’abord (agents du ministère).' })
  async energyMinesApplicationQueue(@Arg('page', () => Int, { defaultValue: 1 }) page: number, @Arg('pageSize', () => Int, { defaultValue: 20 }) pageSize: number, @Ctx() ctx: EnergyMinesContext) {
    if (page < 1) throw userInputError('Le numéro de page commence à 1.', 'page');
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw userInputError(`La taille de page doit être comprise entre 1 et ${MAX_PAGE_SIZE}.`, 'pageSize');
    const result = await ctx.adapter.listApplications({ page, pageSize });
    return { totalCount: result.totalCount, nodes: ctx.dossiers.worklist(result.items).map(dossierView) };
  }

  @DossierFilers()
  @Mutation(() => EnergyMinesApplication, {
    description: 'Dépose une demande auprès du ministère. Rejouer la même clé d’idempotence renvoie la même demande, sans en créer une seconde.',
  })
  async submitEnergyMinesApplication(
    @Arg('input', () => EnergyMinesApplicationInput) input: EnergyMinesApplicationInput,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Ctx() ctx: EnergyMinesContext,
  ) {
    const procedureCode = input.procedureCode;
    const procedure = procedureOfCode(procedureCode);
    const needsSite = procedure?.site ?? false;
    const mining = procedure?.mining ?? null;
    const company = input.company ? { nif: input.company.nif, rccm: input.company.rccm } : null;
    const documents = documentsFiling(ctx, procedureCode, input.documents);
    const record = await ctx.submit({
      procedureCode,
      applicantNiu: input.applicantNiu,
      companyNif: company?.nif ?? null,
      idempotencyKey,
      // Checked before the outbox: a queued application must be one SIGEM will take.
      payload: async () => {
        if (!procedure || !isProcedureOfMines(procedureCode)) {
          throw userInputError(`La démarche « ${procedureCode.slice(0, 60)} » ne relève pas de ce ministère : voir ses démarches dans le catalogue (procedures).`, ['input', 'procedureCode']);
        }
        // Who may apply: the procedure's applicant kinds, from the catalogue.
        if (company === null && !procedure.applicantKinds.includes('CITIZEN')) {
          throw userInputError('Cette démarche est réservée aux sociétés : déposez-la pour la société que vous représentez (company : NIF et RCCM).', ['input', 'company']);
        }
        if (company !== null && !procedure.applicantKinds.includes('COMPANY')) throw userInputError('Cette démarche se dépose en nom propre, pas pour une société.', ['input', 'company']);
        if (needsSite && (!input.communeCode || !input.locality)) throw userInputError('Cette démarche porte sur un site : indiquez sa commune et sa localité.', ['input', 'communeCode']);
        if (mining && (!input.substance || input.areaHectares === null || input.areaHectares === undefined))
          throw userInputError('Un titre minier exige la substance et la superficie sollicitées.', ['input', 'substance']);
        if (mining && input.areaHectares !== null && input.areaHectares !== undefined && (input.areaHectares < mining.minHectares || input.areaHectares > mining.maxHectares)) {
          throw userInputError(`La superficie doit être comprise entre ${mining.minHectares} et ${mining.maxHectares} hectares pour cette démarche.`, ['input', 'areaHectares']);
        }
        const attached = await documents.check();
        return {
          documents: attached,
          niu: input.applicantNiu,
          procedureCode: procedure.procedureCode,
          companyName: input.companyName ?? null,
          company,
          communeCode: needsSite ? (input.communeCode ?? null) : null,
          locality: needsSite ? (input.locality ?? null) : null,
          substance: mining ? (input.substance ?? null) : null,
          areaHectares: mining ? (input.areaHectares ?? null) : null,
        };
      },
      // The documents are checked with the rest of the input, then marked as filed with this very application just
      // before the outbox (the sweep then keeps them; one filed with another application is refused).
      ...documents.filing,
      sameRecord: (existing) =>
        existing.applicantNiu === input.applicantNiu &&
        (existing.company?.nif ?? null) === (company?.nif ?? null) &&
        existing.procedureCode === procedureCode &&
        existing.communeCode === (needsSite ? (input.communeCode ?? null) : null) &&
        existing.substance === (mining ? (input.substance ?? null) : null) &&
        existing.areaHectares === (mining ? (input.areaHectares ?? null) : null),
    });
    return asReceipt(ctx, dossierView(record));
  }

  // SIGEM lists the files it holds (kind, sha256); Guichet's ids come from its store (filedDocumentsOf).
  @FieldResolver(() => [FiledDocument])
  documents(@Root() application: EnergyMinesApplicationRecord, @Ctx() ctx: EnergyMinesContext): Promise<FiledDocument[]> {
    return filedDocumentsOf(application, ctx.documents);
  }

  @FieldResolver(() => Citizen, { nullable: true, description: 'Le demandeur.' })
  applicant(@Root() application: EnergyMinesApplicationRecord): Citizen {
    return { niu: application.applicantNiu };
  }
}

@Resolver(() => Citizen)
export class CitizenEnergyMinesResolver {
  @CitizenDossierListReaders()
  @FieldResolver(() => [EnergyMinesApplication], {
    nullable: true,
    description: 'Les demandes de titres miniers, d’autorisations et d’agréments du citoyen au ministère des Mines et de l’Énergie (null si SIGEM ne répond pas).',
  })
  async energyMinesApplications(@Root() citizen: Citizen, @Ctx() ctx: EnergyMinesContext) {
    return (await ctx.dossiers.listOfCitizen(citizen.niu)).map(dossierView);
  }
}
