import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { canonicalJson } from './json-value.js';
import { schemaVersion, migrate } from './sqlite-migrations.js';
import { toOutcome, toSubmission, type OutcomeRow, type SubmissionRow } from './sqlite-submission-row.js';
import type { Submission } from './submission.js';
import { defaultListedStates, type Clock, type SubmissionStore } from './submission-store.js';

export interface SqliteSubmissionStoreOptions {
  /** The database file (parent directories are created), or `:memory:` for a throw-away one. */
  readonly path: string;
  /** Default `Date.now`. */
  readonly clock?: Clock;
  /** How long a write waits for another process's lock before failing. Default 5000. */
  readonly busyTimeoutMs?: number;
}

// The next outcome sequence, drawn in the statement that ends the row: SQLite runs one writer at a time, so
// sequences are committed in order.
const nextOutcome = `outcome_seq = (SELECT COALESCE(MAX(outcome_seq), 0) + 1 FROM submissions), outcome_at = @now`;

const fenced = `WHERE external_reference = @ref AND state = 'delivering' AND lease_owner = @owner`;

/**
 * The default store: one SQLite file per subgraph, in WAL mode with `synchronous = FULL`, so that a submission
 * answered QUEUED survives a power cut, not only a crash (WAL alone with NORMAL may lose the last commits).
 * better-sqlite3 is synchronous; each method is one statement or one transaction, short enough not to matter.
 * Several processes may open the same file: claims are single UPDATE statements, atomic under SQLite's write lock.
 */
export function createSqliteSubmissionStore(options: SqliteSubmissionStoreOptions): SubmissionStore {
  const { path, clock = Date.now, busyTimeoutMs = 5_000 } = options;
  // Owner-only, like .data/idp: the rows hold citizens' NIUs and application details in clear.
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = {
    insert: db.prepare<Record<string, unknown>, SubmissionRow>(
      `INSERT INTO submissions (external_reference, system, procedure_code, applicant_niu, payload, idempotency_key_hash, state, attempts,
         created_at, updated_at, next_attempt_at, lease_owner, lease_until)
       VALUES (@ref, @system, @procedureCode, @applicantNiu, @payload, @keyHash, @state, @attempts, @now, @now, @now, @owner, @leaseUntil)
       ON CONFLICT (external_reference) DO NOTHING
       RETURNING *`,
    ),
    get: db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE external_reference = ?'),
    listForApplicant: db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE applicant_niu = ? ORDER BY created_at DESC, external_reference'),
    claim: db.prepare<Record<string, unknown>, SubmissionRow>(
      `UPDATE submissions
       SET state = 'delivering', lease_owner = @owner, lease_until = @leaseUntil, attempts = attempts + 1, updated_at = @now
       WHERE external_reference IN (
         SELECT external_reference FROM submissions
         WHERE (@system IS NULL OR system = @system)
           AND ((state = 'queued' AND next_attempt_at <= @now) OR (state = 'delivering' AND lease_until <= @now))
         ORDER BY next_attempt_at, created_at
         LIMIT @limit)
       RETURNING *`,
    ),
    markDelivered: db.prepare<Record<string, unknown>, SubmissionRow>(
      `UPDATE submissions
       SET state = 'delivered', legacy_reference = @legacyReference, delivered_at = @deliveredAt, rejection_message = NULL,
           lease_owner = NULL, lease_until = NULL, updated_at = @now, ${nextOutcome}
       WHERE external_reference = @ref AND state <> 'delivered'
       RETURNING *`,
    ),
    markRetry: db.prepare<Record<string, unknown>, SubmissionRow>(
      `UPDATE submissions
       SET state = 'queued', last_error_code = @code, last_error_message = @message, next_attempt_at = @nextAttemptAt,
           lease_owner = NULL, lease_until = NULL, updated_at = @now
       ${fenced}
       RETURNING *`,
    ),
    markRejected: db.prepare<Record<string, unknown>, SubmissionRow>(
      `UPDATE submissions
       SET state = 'rejected', last_error_code = @code, last_error_message = @message, rejection_message = @rejectionMessage,
           lease_owner = NULL, lease_until = NULL, updated_at = @now, ${nextOutcome}
       ${fenced}
       RETURNING *`,
    ),
    release: db.prepare<Record<string, unknown>, SubmissionRow>(
      `UPDATE submissions
       SET state = 'queued', attempts = MAX(attempts - 1, 0), lease_owner = NULL, lease_until = NULL, updated_at = @now
       ${fenced}
       RETURNING *`,
    ),
    discard: db.prepare<Record<string, unknown>>(`DELETE FROM submissions ${fenced}`),
    outcomesAfter: db.prepare<Record<string, unknown>, OutcomeRow>(
      `SELECT * FROM submissions
       WHERE outcome_seq > @after AND state IN ('delivered', 'rejected') AND (@system IS NULL OR system = @system)
       ORDER BY outcome_seq
       LIMIT @limit`,
    ),
    outcomeHead: db.prepare<Record<string, unknown>, { head: number | null }>(
      `SELECT MAX(outcome_seq) AS head FROM submissions WHERE state IN ('delivered', 'rejected') AND (@system IS NULL OR system = @system)`,
    ),
    backlog: db.prepare<Record<string, unknown>, { pending: number; oldest: number | null }>(
      `SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM submissions
       WHERE state IN ('queued', 'delivering') AND (@system IS NULL OR system = @system)`,
    ),
  };

  // Insert or read back in one transaction, so the answer describes the row as it is at that instant.
  const enqueue = db.transaction((params: Record<string, unknown>, ref: string) => {
    const inserted = statements.insert.get(params);
    return inserted ? { row: inserted, created: true } : { row: statements.get.get(ref), created: false };
  });

  const one = (row: SubmissionRow | undefined): Submission | null => (row ? toSubmission(row) : null);
  const open = () => {
    if (!db.open) throw new Error('submission store is closed');
  };

  return {
    async enqueue(input, enqueueOptions) {
      open();
      const payload = canonicalJson(input.payload);
      const now = clock();
      const lease = enqueueOptions?.lease;
      const { row, created } = enqueue.immediate(
        {
          ref: input.externalReference,
          system: input.system,
          procedureCode: input.procedureCode,
          applicantNiu: input.applicantNiu,
          payload,
          keyHash: input.idempotencyKeyHash ?? null,
          state: lease ? 'delivering' : 'queued',
          attempts: lease ? 1 : 0,
          now,
          owner: lease?.owner ?? null,
          leaseUntil: lease ? now + lease.leaseMs : null,
        },
        input.externalReference,
      );
      if (!row) throw new Error(`outbox row ${input.externalReference} vanished during enqueue`);
      return { submission: toSubmission(row), created, conflict: !created && row.payload !== payload };
    },

    async get(externalReference) {
      open();
      return one(statements.get.get(externalReference));
    },

    async listForApplicant(applicantNiu, listOptions) {
      open();
      const wanted = listOptions?.states ?? defaultListedStates;
      // A citizen has a handful of rows: filtering here keeps one prepared statement for every combination.
      return statements.listForApplicant
        .all(applicantNiu)
        .map(toSubmission)
        .filter((s) => wanted.includes(s.state) && (listOptions?.system === undefined || s.system === listOptions.system));
    },

    async claimDue({ now, limit, leaseMs, owner, system }) {
      open();
      if (limit <= 0) return [];
      const rows = statements.claim.all({ owner, leaseUntil: now + leaseMs, now, system: system ?? null, limit });
      // RETURNING gives no order guarantee: restore "oldest due first".
      return rows.map(toSubmission).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
    },

    async markDelivered(externalReference, { legacyReference, deliveredAt }) {
      open();
      return one(statements.markDelivered.get({ ref: externalReference, legacyReference, deliveredAt, now: clock() }));
    },

    async markRetry(externalReference, { owner, error, nextAttemptAt }) {
      open();
      return one(statements.markRetry.get({ ref: externalReference, owner, code: error.code, message: error.message, nextAttemptAt, now: clock() }));
    },

    async markRejected(externalReference, { owner, error, message }) {
      open();
      return one(statements.markRejected.get({ ref: externalReference, owner, code: error.code, message: error.message, rejectionMessage: message, now: clock() }));
    },

    async release(externalReference, { owner }) {
      open();
      return one(statements.release.get({ ref: externalReference, owner, now: clock() }));
    },

    async discard(externalReference, { owner }) {
      open();
      return statements.discard.run({ ref: externalReference, owner }).changes > 0;
    },

    async outcomesAfter(after, limit, outcomesOptions) {
      open();
      if (limit <= 0) return { outcomes: [], next: after };
      const outcomes = statements.outcomesAfter.all({ after, limit, system: outcomesOptions?.system ?? null }).map(toOutcome);
      return { outcomes, next: outcomes.at(-1)?.sequence ?? after };
    },

    async outcomeHead(outcomesOptions) {
      open();
      return statements.outcomeHead.get({ system: outcomesOptions?.system ?? null })?.head ?? 0;
    },

    async backlog(backlogOptions) {
      open();
      const result = statements.backlog.get({ system: backlogOptions?.system ?? null });
      const oldest = result?.oldest ?? null;
      return { pending: result?.pending ?? 0, oldestPendingAgeMs: oldest === null ? null : Math.max(0, clock() - oldest) };
    },

    async close() {
      if (db.open) db.close();
    },
  };
}

export { schemaVersion as sqliteSchemaVersion };
