import { canonicalJson, parseJson } from './json-value.js';
import type { Submission } from './submission.js';
import { outcomeOfSubmission, type OutcomesOptions, type SubmissionOutcome } from './submission-outcome.js';
import { defaultListedStates, type Backlog, type Clock, type SubmissionStore } from './submission-store.js';

interface Row {
  submission: Submission;
  /** The payload's canonical text, compared on enqueue. */
  payloadText: string;
  /** Set with every transition to `delivered` or `rejected` (see `SubmissionOutcome`). */
  outcome: { sequence: number; at: number } | null;
}

/**
 * The same behaviour as the SQLite store, in memory: for tests and for a process that may lose its queue.
 * Rows are copied in and out, so callers can never change stored state by mutating what they hold.
 */
export function createMemorySubmissionStore(options: { readonly clock?: Clock } = {}): SubmissionStore {
  const { clock = Date.now } = options;
  const rows = new Map<string, Row>();
  let closed = false;
  let lastSequence = 0;
  const recordOutcome = (row: Row, submission: Submission): Submission => {
    row.outcome = { sequence: (lastSequence += 1), at: submission.updatedAt };
    return submission;
  };
  const outcomeOf = (row: Row): SubmissionOutcome | null => (row.outcome === null ? null : outcomeOfSubmission(copy(row.submission), row.outcome.sequence, row.outcome.at));
  const outcomes = (options: OutcomesOptions | undefined): SubmissionOutcome[] =>
    [...rows.values()]
      .map(outcomeOf)
      .filter((o): o is SubmissionOutcome => o !== null && (options?.system === undefined || o.system === options.system))
      .sort((a, b) => a.sequence - b.sequence);

  const open = () => {
    if (closed) throw new Error('submission store is closed');
  };
  const copy = (submission: Submission): Submission => structuredClone(submission);
  const update = (row: Row, patch: Partial<Submission>): Submission => {
    row.submission = { ...row.submission, ...patch, updatedAt: patch.updatedAt ?? clock() };
    return copy(row.submission);
  };
  const leasedTo = (externalReference: string, owner: string): Row | undefined => {
    const row = rows.get(externalReference);
    return row?.submission.state === 'delivering' && row.submission.leaseOwner === owner ? row : undefined;
  };

  return {
    async enqueue(input, enqueueOptions) {
      open();
      const payloadText = canonicalJson(input.payload);
      const existing = rows.get(input.externalReference);
      if (existing) return { submission: copy(existing.submission), created: false, conflict: existing.payloadText !== payloadText };
      const now = clock();
      const lease = enqueueOptions?.lease;
      const submission: Submission = {
        externalReference: input.externalReference,
        system: input.system,
        procedureCode: input.procedureCode,
        applicantNiu: input.applicantNiu,
        payload: parseJson(payloadText),
        idempotencyKeyHash: input.idempotencyKeyHash ?? null,
        state: lease ? 'delivering' : 'queued',
        attempts: lease ? 1 : 0,
        lastError: null,
        rejectionMessage: null,
        legacyReference: null,
        createdAt: now,
        updatedAt: now,
        nextAttemptAt: now,
        deliveredAt: null,
        leaseOwner: lease?.owner ?? null,
        leaseUntil: lease ? now + lease.leaseMs : null,
      };
      rows.set(input.externalReference, { submission, payloadText, outcome: null });
      return { submission: copy(submission), created: true, conflict: false };
    },

    async get(externalReference) {
      open();
      const row = rows.get(externalReference);
      return row ? copy(row.submission) : null;
    },

    async listForApplicant(applicantNiu, listOptions) {
      open();
      const states = listOptions?.states ?? defaultListedStates;
      return [...rows.values()]
        .map((row) => row.submission)
        .filter((s) => s.applicantNiu === applicantNiu && states.includes(s.state) && (listOptions?.system === undefined || s.system === listOptions.system))
        .sort((a, b) => b.createdAt - a.createdAt || a.externalReference.localeCompare(b.externalReference))
        .map(copy);
    },

    async claimDue({ now, limit, leaseMs, owner, system }) {
      open();
      // Synchronous from here to the end: nothing else runs in between, which is what makes the claim atomic.
      const due = [...rows.values()]
        .filter(({ submission: s }) => {
          if (system !== undefined && s.system !== system) return false;
          if (s.state === 'queued') return s.nextAttemptAt <= now;
          return s.state === 'delivering' && s.leaseUntil !== null && s.leaseUntil <= now;
        })
        .sort((a, b) => a.submission.nextAttemptAt - b.submission.nextAttemptAt || a.submission.createdAt - b.submission.createdAt)
        .slice(0, Math.max(0, limit));
      return due.map((row) => update(row, { state: 'delivering', leaseOwner: owner, leaseUntil: now + leaseMs, attempts: row.submission.attempts + 1, updatedAt: now }));
    },

    async markDelivered(externalReference, { legacyReference, deliveredAt }) {
      open();
      const row = rows.get(externalReference);
      if (!row || row.submission.state === 'delivered') return null;
      return recordOutcome(row, update(row, { state: 'delivered', legacyReference, deliveredAt, leaseOwner: null, leaseUntil: null, rejectionMessage: null }));
    },

    async markRetry(externalReference, { owner, error, nextAttemptAt }) {
      open();
      const row = leasedTo(externalReference, owner);
      return row ? update(row, { state: 'queued', lastError: { code: error.code, message: error.message }, nextAttemptAt, leaseOwner: null, leaseUntil: null }) : null;
    },

    async markRejected(externalReference, { owner, error, message }) {
      open();
      const row = leasedTo(externalReference, owner);
      return row
        ? recordOutcome(row, update(row, { state: 'rejected', lastError: { code: error.code, message: error.message }, rejectionMessage: message, leaseOwner: null, leaseUntil: null }))
        : null;
    },

    async release(externalReference, { owner }) {
      open();
      const row = leasedTo(externalReference, owner);
      return row ? update(row, { state: 'queued', attempts: Math.max(0, row.submission.attempts - 1), leaseOwner: null, leaseUntil: null }) : null;
    },

    async discard(externalReference, { owner }) {
      open();
      return leasedTo(externalReference, owner) ? rows.delete(externalReference) : false;
    },

    async outcomesAfter(after, limit, outcomesOptions) {
      open();
      const page = outcomes(outcomesOptions)
        .filter((o) => o.sequence > after)
        .slice(0, Math.max(0, limit));
      return { outcomes: page, next: page.at(-1)?.sequence ?? after };
    },

    async outcomeHead(outcomesOptions) {
      open();
      return outcomes(outcomesOptions).at(-1)?.sequence ?? 0;
    },

    async backlog(backlogOptions): Promise<Backlog> {
      open();
      let pending = 0;
      let oldest: number | null = null;
      for (const { submission: s } of rows.values()) {
        if ((s.state !== 'queued' && s.state !== 'delivering') || (backlogOptions?.system !== undefined && s.system !== backlogOptions.system)) continue;
        pending += 1;
        oldest = oldest === null ? s.createdAt : Math.min(oldest, s.createdAt);
      }
      return { pending, oldestPendingAgeMs: oldest === null ? null : Math.max(0, clock() - oldest) };
    },

    async close() {
      closed = true;
    },
  };
}
