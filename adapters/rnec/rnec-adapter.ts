import { DEFAULT_MAX_RESPONSE_BYTES, chunk, createCallPolicy, createHttpClient, isAdapterError, settleWithConcurrency, type CallPolicy, type ResilienceOptions } from '../shared/index.js';
import { checkActNumber, checkCopies, checkExternalReference, checkNiu, checkReference, isActNumber, isNiu, requestNumberOf, toRnecSince } from './rnec-input.js';
import { toActRecord, toCitizenRecord, toCopyRequestRecord } from './rnec-mapping.js';
import { responses } from './rnec-payloads.js';
import { createRnecSoapClient } from './rnec-soap-client.js';
import type { CitizenRecord, CivilActCopyRequestRecord, CivilActRecord, RnecAdapter } from './types.js';

/** Most NIUs RNEC accepts in one `ConsulterPersonnes`. */
const MAX_NIU_PER_CALL = 50;

export interface RnecAdapterOptions {
  /** RNEC's SOAP endpoint (`http://127.0.0.1:4201/ws/rnec`); the WSDL is read from `<url>?wsdl`. */
  readonly url: string;
  /** Upper bound on one attempt, WSDL fetch included. Default 3000. */
  readonly timeoutMs?: number;
  /** Deadline, retries of reads, circuit breaker, bulkhead (used by the default policy); see ResilienceOptions. */
  readonly resilience?: ResilienceOptions;
  /** `SuivreDemande` calls in flight for `getCopyRequests` (RNEC has no batch lookup of requests). Default 8. */
  readonly maxConcurrency?: number;
  /** Largest answer read from RNEC (WSDL included); a bigger one is BAD_BACKEND_RESPONSE. Default 5 MB. */
  readonly maxResponseBytes?: number;
  /** Default: `createCallPolicy({ system: 'rnec', timeoutMs, ...resilience })`. */
  readonly policy?: CallPolicy;
}

/**
 * The civil registry (RNEC, SOAP 1.1) behind clean records. Absorbs its quirks: upper-case names, `jj/mm/aaaa`
 * dates with separate `hh:mm` times, commune codes, N/M/D act kinds, faults and errors inside 200s.
 * Malformed keys in the batch lookups (`getCitizens`, `getCopyRequests`) cannot exist at RNEC: they are absent
 * from the map, like unknown ones, rather than failing the whole batch.
 */
export function createRnecAdapter(options: RnecAdapterOptions): RnecAdapter {
  const { url, timeoutMs = 3_000, maxConcurrency = 8, maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES } = options;
  const policy = options.policy ?? createCallPolicy({ system: 'rnec', timeoutMs, ...options.resilience });
  const soap = createRnecSoapClient({ url, http: createHttpClient({ baseUrl: url, maxResponseBytes }), policy });
  const read = { idempotent: true } as const;

  const getAct = async (actNumber: string): Promise<CivilActRecord> => {
    const { ACTE } = await soap.call('ConsulterActe', { NUMERO_ACTE: checkActNumber('ConsulterActe', actNumber) }, responses.acte, read);
    return toActRecord('ConsulterActe', ACTE);
  };

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

  const getCopyRequest = async (reference: string): Promise<CivilActCopyRequestRecord> => {
    const number = checkReference('SuivreDemande', reference);
    const { DEMANDE } = await soap.call('SuivreDemande', { NUMERO_DEMANDE: number }, responses.demande, read);
    return toCopyRequestRecord('SuivreDemande', DEMANDE);
  };

  return {
    async getCitizen(niu) {
      const { PERSONNE } = await soap.call('ConsulterPersonne', { NIU: checkNiu('ConsulterPersonne', niu) }, responses.personne, read);
      return toCitizenRecord('ConsulterPersonne', PERSONNE);
    },

    async getCitizens(nius) {
      const batches = chunk([...new Set(nius)].filter(isNiu), MAX_NIU_PER_CALL);
      const replies = await Promise.all(batches.map((batch) => soap.call('ConsulterPersonnes', { NIU: batch }, responses.personnes, read)));
      const citizens = new Map<string, CitizenRecord>();
      for (const reply of replies) for (const personne of reply.PERSONNE) citizens.set(personne.NIU, toCitizenRecord('ConsulterPersonnes', personne));
      return citizens;
    },

    async listActs(niu) {
      const { ACTE } = await soap.call('ListerActes', { NIU: checkNiu('ListerActes', niu) }, responses.actes, read);
      return ACTE.map((acte) => toActRecord('ListerActes', acte));
    },

    getAct,

    getActs(actNumbers) {
      return lookupEach(actNumbers, isActNumber, getAct);
    },

    async requestCopy(input) {
      const operation = 'DemanderCopieActe';
      const args = {
        NIU: checkNiu(operation, input.niu),
        NUMERO_ACTE: checkActNumber(operation, input.actNumber),
        NOMBRE_COPIES: checkCopies(operation, input.copies),
        REFERENCE_EXTERNE: checkExternalReference(operation, input.externalReference),
      };
      // Not idempotent at RNEC: never retried here; callers reconcile with findCopyRequestByExternalReference.
      const { DEMANDE } = await soap.call(operation, args, responses.demande, { idempotent: false });
      return toCopyRequestRecord(operation, DEMANDE);
    },

    getCopyRequest,

    getCopyRequests(references) {
      return lookupEach(references, (reference) => requestNumberOf(reference) !== undefined, getCopyRequest);
    },

    async findCopyRequestByExternalReference(externalReference) {
      const operation = 'RechercherDemandeParReferenceExterne';
      const { DEMANDE } = await soap.call(operation, { REFERENCE_EXTERNE: checkExternalReference(operation, externalReference) }, responses.demandes, read);
      // A retried DemanderCopieActe may have filed twice: the first one filed is the request.
      const records = DEMANDE.map((demande) => toCopyRequestRecord(operation, demande));
      return records.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.reference.localeCompare(b.reference))[0] ?? null;
    },

    async listCopyRequests(niu) {
      const { DEMANDE } = await soap.call('ListerDemandes', { NIU: checkNiu('ListerDemandes', niu) }, responses.demandes, read);
      return DEMANDE.map((demande) => toCopyRequestRecord('ListerDemandes', demande));
    },

    /** RNEC's feed has minute precision and includes the minute of `since`: a change may come twice, never missed. */
    async listChangedCopyRequests(since) {
      const operation = 'ListerDemandesModifiees';
      const { DEMANDE } = await soap.call(operation, { DEPUIS: toRnecSince(operation, since) }, responses.demandes, read);
      return DEMANDE.map((demande) => toCopyRequestRecord(operation, demande));
    },
  };
}
