import { withTransaction, type PgPool } from '../lib/postgres/index.js';
import type { StoreHealth } from '../lib/store-health/index.js';
import { canonicalJson } from './json-value.js';
import { OutboxUnavailableError } from './outbox-unavailable-error.js';
import { toOutcomeFromPostgres, toSubmissionFromPostgres, type PostgresOutcomeRow, type PostgresSubmissionRow } from './postgres-submission-row.js';
import type { Submission } from './submission.js';
import { defaultListedStates, type Clock, type SubmissionStore } from './submission-store.js';

export interface PostgresSubmissionStoreOptions {
  /**
   * The subgraph's pool (`createPgPool`), with `outboxPostgresMigrations` already applied. Shared with the process's
   * other stores: `close()` leaves it open, its owner ends it.
   */
  readonly pool: PgPool;
  /** Default `Date.now`. */
  readonly clock?: Clock;
  /** Told of every operation's outcome, for `/ready` and `/metrics`. */
  readonly health?: StoreHealth;
}

/**
 * Ending a row draws the next outcome sequence. Sequences are drawn in any order by concurrent transactions but must
 * be committed in order (a reader that saw N must never later find one below N): each ending takes this lock for
 * its transaction, so endings — once per submission, rare — commit one after another, in sequence order.
 */
const outcomeLock = `SELECT pg_advisory_xact_lock(hashtext('guichet-outbox:outcomes'))`;
const nextOutcome = `outcome_seq = nextval('outbox_outcome_seq'), outcome_at = $OUTCOME_AT`;

const fenced = `WHERE external_reference = $1 AND state = 'delivering' AND lease_owner = $2`;

/**
 * The scaled store: one table shared by every replica of a ministry subgraph (and by other ministries on the same
 * database: rows carry their system). Claims lock their rows with `FOR UPDATE SKIP LOCKED`, so replicas claiming
 * together each get different rows without waiting for one another; a lease that runs out (its replica died) is
 * due again, and the forwarder's find-by-external-reference makes the take-over deliver exactly once.
 *
 * Every failure to reach the server is an `OutboxUnavailableError` (the accept path fails closed on it) and is
 * recorded in `health`; the pool replaces broken connections, so the store recovers by itself.
 */
export function createPostgresSubmissionStore({ pool, clock = Date.now, health }: PostgresSubmissionStoreOptions): SubmissionStore {
  let closed = false;

  const run = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    if (closed) throw new Error('submission store is closed');
    try {
      const result = await work();
      health?.succeeded();
      return result;
    } catch (error) {
      health?.failed(error);
      throw new OutboxUnavailableError(operation, error);
    }
  };
  const rows = async (text: string, values: readonly unknown[]) => (await pool.query<PostgresSubmissionRow>(text, [...values])).rows;
  const one = async (text: string, values: readonly unknown[]): Promise<Submission | null> => {
    const [row] = await rows(text, values);
    return row ? toSubmissionFromPostgres(row) : null;
  };
  /** One UPDATE that ends a row (`$OUTCOME_AT`: the parameter holding the time), under the outcomes' lock. */
  const end = (text: string, values: readonly unknown[], atParameter: number): Promise<Submission | null> =>
    withTransaction(pool, async (client) => {
      await client.query(outcomeLock);
      const {
        rows: [row],
      } = await client.query<PostgresSubmissionRow>(text.replace('$OUTCOME_AT', `$${atParameter}`), [...values]);
      return row ? toSubmissionFromPostgres(row) : null;
    });

  return {
    enqueue(input, enqueueOptions) {
      return run('enqueue', async () => {
        const payload = canonicalJson(input.payload);
        const now = clock();
        const lease = enqueueOptions?.lease;
        // Insert, else read back what is there. Two statements, not one: under READ COMMITTED the second sees a row
        // another replica committed while the first waited on it. A row discarded in between is inserted again.
        for (let tries = 0; tries < 3; tries += 1) {
          const [inserted] = await rows(
            `INSERT INTO outbox_submissions (external_reference, system, procedure_code, applicant_niu, payload, idempotency_key_hash, state, attempts,
               created_at, updated_at, next_attempt_at, lease_owner, lease_until)
             VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $9, $9, $10, $11)
             ON CONFLICT (external_reference) DO NOTHING
             RETURNING *`,
            [
              input.externalReference,
              input.system,
              input.procedureCode,
              input.applicantNiu,
              payload,
              input.idempotencyKeyHash ?? null,
              lease ? 'delivering' : 'queued',
              lease ? 1 : 0,
              now,
              lease?.owner ?? null,
              lease ? now + lease.leaseMs : null,
            ],
          );
          if (inserted) return { submission: toSubmissionFromPostgres(inserted), created: true, conflict: false };
          const [existing] = await rows('SELECT * FROM outbox_submissions WHERE external_reference = $1', [input.externalReference]);
          if (existing) return { submission: toSubmissionFromPostgres(existing), created: false, conflict: canonicalJson(existing.payload) !== payload };
        }
        throw new Error(`outbox row ${input.externalReference} kept vanishing during enqueue`);
      });
    },

    get(externalReference) {
      return run('get', () => one('SELECT * FROM outbox_submissions WHERE external_reference = $1', [externalReference]));
    },

    listForApplicant(applicantNiu, listOptions) {
      return run('listForApplicant', async () => {
        const found = await rows(
          `SELECT * FROM outbox_submissions
           WHERE applicant_niu = $1 AND state = ANY($2::text[]) AND ($3::text IS NULL OR system = $3)
           ORDER BY created_at DESC, external_reference`,
          [applicantNiu, listOptions?.states ?? defaultListedStates, listOptions?.system ?? null],
        );
        return found.map(toSubmissionFromPostgres);
      });
    },

    claimDue({ now, limit, leaseMs, owner, system }) {
      return run('claimDue', async () => {
        if (limit <= 0) return [];
        // SKIP LOCKED: rows another replica is claiming right now are left to it, not waited for. The lock's
        // re-check of the WHERE clause drops a row that replica has just leased and committed.
        const claimed = await rows(
          `WITH due AS (
             SELECT external_reference FROM outbox_submissions
             WHERE ($1::text IS NULL OR system = $1)
               AND ((state = 'queued' AND next_attempt_at <= $2) OR (state = 'delivering' AND lease_until <= $2))
             ORDER BY next_attempt_at, created_at
             LIMIT $3
             FOR UPDATE SKIP LOCKED)
           UPDATE outbox_submissions AS s
           SET state = 'delivering', lease_owner = $4, lease_until = $5, attempts = s.attempts + 1, updated_at = $2
           FROM due WHERE s.external_reference = due.external_reference
           RETURNING s.*`,
          [system ?? null, now, limit, owner, now + leaseMs],
        );
        // RETURNING gives no order guarantee: restore "oldest due first".
        return claimed.map(toSubmissionFromPostgres).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt);
      });
    },

    markDelivered(externalReference, { legacyReference, deliveredAt }) {
      return run('markDelivered', () =>
        end(
          `UPDATE outbox_submissions
           SET state = 'delivered', legacy_reference = $2, delivered_at = $3, rejection_message = NULL, lease_owner = NULL, lease_until = NULL, updated_at = $4, ${nextOutcome}
           WHERE external_reference = $1 AND state <> 'delivered'
           RETURNING *`,
          [externalReference, legacyReference, deliveredAt, clock()],
          4,
        ),
      );
    },

    markRetry(externalReference, { owner, error, nextAttemptAt }) {
      return run('markRetry', () =>
        one(
          `UPDATE outbox_submissions
           SET state = 'queued', last_error_code = $3, last_error_message = $4, next_attempt_at = $5, lease_owner = NULL, lease_until = NULL, updated_at = $6
           ${fenced}
           RETURNING *`,
          [externalReference, owner, error.code, error.message, nextAttemptAt, clock()],
        ),
      );
    },

    markRejected(externalReference, { owner, error, message }) {
      return run('markRejected', () =>
        end(
          `UPDATE outbox_submissions
           SET state = 'rejected', last_error_code = $3, last_error_message = $4, rejection_message = $5, lease_owner = NULL, lease_until = NULL, updated_at = $6, ${nextOutcome}
           ${fenced}
           RETURNING *`,
          [externalReference, owner, error.code, error.message, message, clock()],
          6,
        ),
      );
    },

    release(externalReference, { owner }) {
      return run('release', () =>
        one(
          `UPDATE outbox_submissions
           SET state = 'queued', attempts = GREATEST(attempts - 1, 0), lease_owner = NULL, lease_until = NULL, updated_at = $3
           ${fenced}
           RETURNING *`,
          [externalReference, owner, clock()],
        ),
      );
    },

    discard(externalReference, { owner }) {
      return run('discard', async () => ((await pool.query(`DELETE FROM outbox_submissions ${fenced}`, [externalReference, owner])).rowCount ?? 0) > 0);
    },

    outcomesAfter(after, limit, outcomesOptions) {
      return run('outcomesAfter', async () => {
        if (limit <= 0) return { outcomes: [], next: after };
        const { rows: found } = await pool.query<PostgresOutcomeRow>(
          `SELECT * FROM outbox_submissions
           WHERE outcome_seq > $1 AND state IN ('delivered', 'rejected') AND ($2::text IS NULL OR system = $2)
           ORDER BY outcome_seq
           LIMIT $3`,
          [after, outcomesOptions?.system ?? null, limit],
        );
        const outcomes = found.map(toOutcomeFromPostgres);
        return { outcomes, next: outcomes.at(-1)?.sequence ?? after };
      });
    },

    outcomeHead(outcomesOptions) {
      return run('outcomeHead', async () => {
        const {
          rows: [result],
        } = await pool.query<{ head: string | null }>(`SELECT max(outcome_seq) AS head FROM outbox_submissions WHERE state IN ('delivered', 'rejected') AND ($1::text IS NULL OR system = $1)`, [
          outcomesOptions?.system ?? null,
        ]);
        return Number(result?.head ?? 0);
      });
    },

    backlog(backlogOptions) {
      return run('backlog', async () => {
        const {
          rows: [result],
        } = await pool.query<{ pending: number; oldest: string | null }>(
          `SELECT count(*)::int AS pending, min(created_at) AS oldest FROM outbox_submissions
           WHERE state IN ('queued', 'delivering') AND ($1::text IS NULL OR system = $1)`,
          [backlogOptions?.system ?? null],
        );
        const oldest = result?.oldest ?? null;
        return { pending: result?.pending ?? 0, oldestPendingAgeMs: oldest === null ? null : Math.max(0, clock() - Number(oldest)) };
      });
    },

    async close() {
      closed = true;
    },
  };
}
