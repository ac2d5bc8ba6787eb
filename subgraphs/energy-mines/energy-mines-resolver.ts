import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isProcedureOfMines, minesProcedures, procedureOfCode, type EnergyMinesApplicationRecord } from '../../adapters/mines/index.js';
import { asReceipt, assertIdempotencyKey, assertReference, canFileFor, CitizenDossierListReaders, DossierFilers, DossierReaders, dossierView, externalReferenceFor, forbiddenError, RequiresScopes, Scopes, recordOfOutcome, userInputError } from '../shared/index.js';
import { Citizen } from './citizen.js';
import type { EnergyMinesContext } from './context.js';
import { EnergyMinesApplication } from './energy-mines-application.js';
import { EnergyMinesApplicationInput } from './energy-mines-application-input.js';
import { EnergyMinesApplicationPage } from './energy-mines-application-page.js';
import { queuedEnergyMinesApplicationRecord } from './queued-energy-mines-application.js';

const MAX_PAGE_SIZE = 50;

@Resolver(() => EnergyMinesApplication)
export class EnergyMinesResolver {
  @DossierReaders()
  @Query(() => EnergyMinesApplication, { nullable: true, description: 'Une demande par sa référence (MEM-AAAA-NNNNNN).' })
  async energyMinesApplication(@Arg('reference', () => ID) reference: string, @Ctx() ctx: EnergyMinesContext) {
    assertReference(reference, 'MEM');
    return dossierView(await ctx.loaders.application.load(reference));
  }

  @RequiresScopes(Scopes.agentOf('MINES'), Scopes.readDossiers)
  @Query(() => EnergyMinesApplicationPage, { description: 'File des demandes, les plus récentes d’abord (agents du ministère).' })
  async energyMinesApplicationQueue(
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('pageSize', () => Int, { defaultValue: 20 }) pageSize: number,
    @Ctx() ctx: EnergyMinesContext,
  ) {
    if (page < 1) throw userInputError('Le numéro de page commence à 1.', 'page');
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw userInputError(`La taille de page doit être comprise entre 1 et ${MAX_PAGE_SIZE}.`, 'pageSize');
    const result = await ctx.mines.listApplications({ page, pageSize });
    return { totalCount: result.totalCount, nodes: ctx.worklist(result.items).map(dossierView) };
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
    assertIdempotencyKey(idempotencyKey);
    if (!canFileFor(ctx.principal, input.applicantNiu)) throw forbiddenError('Vous ne pouvez déposer une demande que pour vous-même.');
    const procedureCode = input.procedureCode;
    if (!isProcedureOfMines(procedureCode)) {
      throw userInputError(`La démarche « ${procedureCode.slice(0, 60)} » ne relève pas de ce ministère (${minesProcedures.map((p) => p.procedureCode).join(', ')}).`, 'procedureCode');
    }
    const procedure = procedureOfCode(procedureCode);
    const needsSite = procedure?.site ?? false;
    if (needsSite && (!input.communeCode || !input.locality)) throw userInputError('Cette démarche porte sur un site : indiquez sa commune et sa localité.', 'communeCode');
    // Checked before the outbox: a queued application must be one SIGEM will take.
    const mining = procedure?.mining ?? null;
    if (mining && (!input.substance || input.areaHectares === null || input.areaHectares === undefined)) throw userInputError('Un titre minier exige la substance et la superficie sollicitées.', 'substance');
    if (mining && input.areaHectares !== null && input.areaHectares !== undefined && (input.areaHectares < mining.minHectares || input.areaHectares > mining.maxHectares)) {
      throw userInputError(`La superficie doit être comprise entre ${mining.minHectares} et ${mining.maxHectares} hectares pour cette démarche.`, 'areaHectares');
    }
    const externalReference = externalReferenceFor('MEM', procedureCode, input.applicantNiu, idempotencyKey);
    const legacyInput = {
      niu: input.applicantNiu,
      procedureCode,
      companyName: input.companyName ?? null,
      communeCode: needsSite ? (input.communeCode ?? null) : null,
      locality: needsSite ? (input.locality ?? null) : null,
      substance: mining ? (input.substance ?? null) : null,
      areaHectares: mining ? (input.areaHectares ?? null) : null,
      externalReference,
    };
    // Delivered now if the ministry can take it, else held durably and answered QUEUED; retries never file twice.
    const outcome = await ctx.outbox.submit({
      externalReference,
      procedureCode,
      applicantNiu: input.applicantNiu,
      payload: legacyInput,
      sameRecord: (existing) =>
        existing.applicantNiu === input.applicantNiu &&
        existing.procedureCode === procedureCode &&
        existing.communeCode === legacyInput.communeCode &&
        existing.substance === legacyInput.substance &&
        existing.areaHectares === legacyInput.areaHectares,
    });
    const record = recordOfOutcome(outcome, queuedEnergyMinesApplicationRecord);
    ctx.access.record({ niu: record.applicantNiu, system: 'mines', action: 'write' });
    return asReceipt(ctx, dossierView(record));
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
    const records = await ctx.loaders.applicationsOfCitizen.load(citizen.niu);
    for (const record of records) ctx.loaders.application.prime(record.reference, record);
    return records.map(dossierView);
  }
}
