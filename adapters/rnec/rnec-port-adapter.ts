import { chunk, isAdapterError, settleWithConcurrency } from '../shared/index.js';
import { checkActNumber, checkCopies, checkExternalReference, checkNiu, checkPieces, checkReference, isActNumber, isNiu, requestNumberOf, checkSince } from './rnec-input.js';
import { MAX_NIU_PER_CALL, type RnecPort } from './rnec-port.js';
import type { CitizenRecord, CivilActCopyRequestRecord, CivilActRecord, RnecAdapter } from './types.js';

/**
 * The adapter's contract over one port: input checks before any call, batches of at most 50 NIUs, bounded
 * concurrency where RNEC has no batch lookup, unknown or malformed keys absent from batch answers. Written once,
 * so that SOAP and REST keep the same semantics by construction.
 */
export function createPortAdapter(port: RnecPort, { maxConcurrency }: { readonly maxConcurrency: number }): RnecAdapter {
  const op = port.operations;

  /** RNEC has no batch lookup of acts or requests: one call per distinct key, at most `maxConcurrency` at once. */
  const lookupEach = async <R>(keys: readonly string[], wellFormed: (key: string) => boolean, fetchOne: (key: string) => Promise<R>): Promise<ReadonlyMap<string, R>> => {
    const candidates = [...new Set(keys)].filter(wellFormed);
    const outcomes = await settleWithConcurrency(candidates, maxConcurrency, fetchOne);
    const found = new Map<string, R>();
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled') found.set(candidates[index] as string, outcome.value);
      else if (!(isAdapterError(outcome.reason) && outcome.reason.code === 'NOT_FOUND')) throw outcome.reason;
    }
    return found;
  };

  const getAct = async (actNumber: string): Promise<CivilActRecord> => port.act(checkActNumber(op.act, actNumber));
  const getCopyRequest = async (reference: string): Promise<CivilActCopyRequestRecord> => port.copyRequest(checkReference(op.copyRequest, reference));

  // Every method is async: a refused argument is a rejection, like any other failure, never a synchronous throw.
  return {
    getCitizen: async (niu) => port.person(checkNiu(op.person, niu)),

    async getCitizens(nius) {
      const batches = chunk([...new Set(nius)].filter(isNiu), MAX_NIU_PER_CALL);
      const replies = await Promise.all(batches.map((batch) => port.persons(batch)));
      const citizens = new Map<string, CitizenRecord>();
      for (const reply of replies) for (const citizen of reply) citizens.set(citizen.niu, citizen);
      return citizens;
    },

    listActs: async (niu) => port.actsOf(checkNiu(op.actsOf, niu)),

    getAct,

    getActs: (actNumbers) => lookupEach(actNumbers, isActNumber, getAct),

    async requestCopy(input) {
      const operation = op.fileCopyRequest;
      // Not idempotent at RNEC: never retried here; callers reconcile with findCopyRequestByExternalReference.
      return port.fileCopyRequest({
        niu: checkNiu(operation, input.niu),
        actNumber: checkActNumber(operation, input.actNumber),
        copies: checkCopies(operation, input.copies),
        externalReference: checkExternalReference(operation, input.externalReference),
      });
    },

    getCopyRequest,

    getCopyRequests: (references) => lookupEach(references, (reference) => requestNumberOf(reference) !== undefined, getCopyRequest),

    async findCopyRequestByExternalReference(externalReference) {
      const records = await port.copyRequestsByExternalReference(checkExternalReference(op.copyRequestsByExternalReference, externalReference));
      // A retried DemanderCopieActe may have filed twice: the first one filed is the request.
      return [...records].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.reference.localeCompare(b.reference))[0] ?? null;
    },

    listCopyRequests: async (niu) => port.copyRequestsOf(checkNiu(op.copyRequestsOf, niu)),

    /** RNEC's feed has minute precision and includes the minute of `since`: a change may come twice, never missed. */
    listChangedCopyRequests: async (since) => port.changedCopyRequests(checkSince(op.changedCopyRequests, since)),

    listPieces: async (reference) => port.pieces(checkReference(op.pieces, reference)),

    /** Not idempotent at RNEC: never retried here; the forwarder lists first and sends only what is missing. */
    sendPieces: async (reference, files) => port.sendPieces(checkReference(op.sendPieces, reference), checkPieces(op.sendPieces, files)),
  };
}
