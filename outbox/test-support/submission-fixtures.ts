import { createLogger } from '../../lib/log/index.js';
import type { LegacyDelivery, LegacyRecord, NewSubmission, SubmissionStore } from '../index.js';

export const silentLog = createLogger('outbox-test', 'silent');

/** Submission `n` of applicant `niu`: a distinct external reference and payload per n. */
export function newSubmission(n: number, overrides: Partial<NewSubmission> = {}): NewSubmission {
  return {
    externalReference: `GCH-${n.toString(16).toUpperCase().padStart(20, '0')}`,
    system: 'ceet',
    procedureCode: 'CEET-RACCORDEMENT-BT',
    applicantNiu: '100000000001',
    payload: { meterType: 'SINGLE_PHASE', communeCode: 'LOM-01', quarter: 'Bè', landTitle: null, applianceCount: n },
    idempotencyKeyHash: `hash-${n}`,
    ...overrides,
  };
}

type StoreMethod = Exclude<keyof SubmissionStore, 'close'>;

export interface DyingProcess<R extends LegacyRecord> {
  readonly store: SubmissionStore;
  readonly delivery: LegacyDelivery<R>;
  readonly dead: () => boolean;
}

/**
 * A process that dies the moment it is about to call `diesBefore` on its store: that write never happens, and
 * from then on every store and legacy call of that process fails, as nothing runs in a killed process. The real
 * store and legacy system keep what was written before.
 */
export function dyingProcess<R extends LegacyRecord>(store: SubmissionStore, delivery: LegacyDelivery<R>, diesBefore: StoreMethod): DyingProcess<R> {
  let dead = false;
  const alive = () => {
    if (dead) throw new Error('process is dead');
  };
  const guard =
    <A extends unknown[], T>(method: StoreMethod, call: (...args: A) => Promise<T>) =>
    async (...args: A): Promise<T> => {
      if (method === diesBefore) dead = true;
      alive();
      return call(...args);
    };
  const wrapped: SubmissionStore = {
    enqueue: guard('enqueue', store.enqueue),
    get: guard('get', store.get),
    listForApplicant: guard('listForApplicant', store.listForApplicant),
    claimDue: guard('claimDue', store.claimDue),
    markDelivered: guard('markDelivered', store.markDelivered),
    markRetry: guard('markRetry', store.markRetry),
    markRejected: guard('markRejected', store.markRejected),
    release: guard('release', store.release),
    discard: guard('discard', store.discard),
    outcomesAfter: guard('outcomesAfter', store.outcomesAfter),
    outcomeHead: guard('outcomeHead', store.outcomeHead),
    backlog: guard('backlog', store.backlog),
    close: () => store.close(),
  };
  return {
    store: wrapped,
    delivery: {
      find: async (submission) => (alive(), delivery.find(submission)),
      create: async (submission) => (alive(), delivery.create(submission)),
    },
    dead: () => dead,
  };
}

/** What the contract tests record as a legacy failure, and the lease they claim with. */
export const contractError = { code: 'BACKEND_UNAVAILABLE', message: 'ceet.submitDossier: connect ECONNREFUSED' };
export const contractLease = { leaseMs: 30_000, limit: 10 };
