import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CivilActCopyRequestRecord, CivilActRecord } from '../../adapters/rnec/index.js';
import { ProcedureCode } from '../../schema/index.js';
import {
  asReceipt,
  assertReference,
  documentsFiling,
  DossierFilers,
  DossierReaders,
  FiledDocument,
  filedDocumentsOf,
  isSystemUnavailable,
  RequiresScopes,
  Scopes,
  userInputError,
} from '../shared/index.js';
import { CivilAct } from './civil-act.js';
import { CivilActCopyInput } from './civil-act-copy-input.js';
import { CivilActCopyRequest } from './civil-act-copy-request.js';
import { Citizen } from './citizen.js';
import type { CivilRegistryContext } from './context.js';
import { actNotFound, mayRequestCopyOf } from './copy-entitlement.js';
import { civilActView, copyRequestView } from './views.js';

/**
 * The act `applicantNiu` may ask copies of, decided from what RNEC says now; anything else is NOT_FOUND. When RNEC
 * cannot answer, this throws its error: an entitlement is never assumed.
 */
async function entitledAct(ctx: CivilRegistryContext, applicantNiu: string, actNumber: string): Promise<CivilActRecord> {
  const act = await ctx.loaders.actForEntitlement.load(actNumber);
  const acts = { listActs: (niu: string) => ctx.loaders.actsForEntitlement.load(niu) };
  if (!(await mayRequestCopyOf(acts, applicantNiu, act))) throw actNotFound(actNumber);
  return act;
}

const actNumberPattern = /^[NMD]-[A-Z0-9]{3,20}-\d{4}-\d{6}$/;

@Resolver(() => CivilActCopyRequest)
export class CivilRegistryResolver {
  @RequiresScopes(Scopes.citizenSelf, Scopes.readCitizens)
  @Query(() => CivilAct, { nullable: true, description: 'Un acte d’état civil par son numéro (les actes qui vous concernent).' })
  async civilAct(@Arg('number', () => ID) number: string, @Ctx() ctx: CivilRegistryContext) {
    if (!actNumberPattern.test(number)) throw userInputError('Le numéro d’acte doit avoir la forme N-GOLFE1-2019-004512 (N, M ou D).', 'number');
    // The loader answers NOT_FOUND for an act the caller may not see, and records the ones it serves.
    return civilActView(await ctx.loaders.act.load(number));
  }

  @DossierReaders()
  @Query(() => CivilActCopyRequest, { nullable: true, description: 'Une demande de copie par sa référence (RNEC-AAAA-NNNNNN).' })
  async civilActCopyRequest(@Arg('reference', () => ID) reference: string, @Ctx() ctx: CivilRegistryContext) {
    assertReference(reference, 'RNEC');
    return copyRequestView(await ctx.dossiers.byReference.load(reference));
  }

  @DossierFilers()
  @Mutation(() => CivilActCopyRequest, {
    description: 'Demande des copies d’un acte d’état civil. Rejouer la même clé d’idempotence renvoie la même demande, sans en créer une seconde.',
  })
  async requestCivilActCopy(@Arg('input', () => CivilActCopyInput) input: CivilActCopyInput, @Arg('idempotencyKey', () => String) idempotencyKey: string, @Ctx() ctx: CivilRegistryContext) {
    const procedure = input.actNumber.startsWith('M') ? ProcedureCode.MARRIAGE_ACT_COPY : input.actNumber.startsWith('D') ? ProcedureCode.DEATH_ACT_COPY : ProcedureCode.BIRTH_ACT_COPY;
    const documents = documentsFiling(ctx, procedure, input.documents);
    const record = await ctx.submit({
      procedureCode: procedure,
      applicantNiu: input.applicantNiu,
      idempotencyKey,
      payload: async () => {
        // Checked before the outbox, then marked as filed with this very request just before it (documentsFiling).
        const attached = await documents.check();
        // The act must be one the applicant may ask copies of; any other is answered as unknown. When RNEC cannot
        // answer now, the request is still held (nothing lost) but nothing is decided: the forwarder checks the same
        // rule before filing it, and the request's `act` stays hidden until RNEC says the applicant is entitled to it.
        await entitledAct(ctx, input.applicantNiu, input.actNumber).catch((error: unknown) => {
          if (!isSystemUnavailable(error)) throw error;
        });
        return { niu: input.applicantNiu, actNumber: input.actNumber, copies: input.copies, documents: attached };
      },
      ...documents.filing,
      sameRecord: (existing) => existing.applicantNiu === input.applicantNiu && existing.actNumber === input.actNumber && existing.copies === input.copies,
    });
    return asReceipt(ctx, copyRequestView(record));
  }

  // RNEC's request record does not list its pieces: one ListerPieces per request shown, only when this field is asked
  // (the per-request loader); none while the request waits in the outbox (its reference is Guichet's, not RNEC's).
  @FieldResolver(() => [FiledDocument], { nullable: true })
  async documents(@Root() request: CivilActCopyRequestRecord, @Ctx() ctx: CivilRegistryContext): Promise<FiledDocument[]> {
    const held = request.reference.startsWith('RNEC-') ? await ctx.loaders.pieces.load(request.reference) : [];
    return filedDocumentsOf({ externalReference: request.externalReference, documents: held }, ctx.documents);
  }

  @FieldResolver(() => Citizen, { nullable: true, description: 'Le demandeur.' })
  applicant(@Root() request: CivilActCopyRequestRecord): Citizen {
    return { niu: request.applicantNiu };
  }

  // Civil-registry data, not the request's: read like an act (not by a filer's receipt, nor by dossiers:read alone).
  @RequiresScopes(Scopes.citizenSelf, Scopes.anyAgent, Scopes.readCitizens)
  @FieldResolver(() => CivilAct, { nullable: true, description: 'L’acte demandé (visible seulement si le demandeur peut en obtenir copie).' })
  async act(@Root() request: CivilActCopyRequestRecord, @Ctx() ctx: CivilRegistryContext) {
    // The request being visible says nothing about the act: a request may be queued unchecked, or rejected. The act
    // shows only when RNEC confirms now that the applicant may have it (fail closed when RNEC cannot say).
    const act = await entitledAct(ctx, request.applicantNiu, request.actNumber);
    for (const niu of act.personNius) ctx.access.record({ niu, system: 'rnec', action: 'read' });
    return civilActView(act);
  }
}
