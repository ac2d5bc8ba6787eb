import {
  classifyByCode,
  createOutbox,
  createSqliteSubmissionStore,
  isOutboxUnavailableError,
  outboxOwnerId,
  type LegacyDelivery,
  type LegacyRecord,
  type Outbox,
  type OutboxConfig,
  type OutboxSystem,
  type SubmissionStore,
} from '../../../outbox/index.js';
import type { Logger } from '../../../lib/log/index.js';
import { submissionsUnavailableError } from './submissions-unavailable-error.js';

export interface MinistryOutboxOptions<R extends LegacyRecord> {
  /** Subgraph name, for the owner id and logs. */
  readonly name: string;
  readonly system: OutboxSystem;
  readonly config: OutboxConfig;
  /** Find by external reference, then create: the legacy calls of this ministry. */
  readonly delivery: LegacyDelivery<R>;
  readonly log: Logger;
  /** Where submissions wait (the scaled mode's PostgreSQL store); default the SQLite file at `config.path`. */
  readonly store?: SubmissionStore;
}

/**
 * The one way a ministry subgraph keeps applications it could not deliver: a durable outbox (a SQLite file, or
 * PostgreSQL shared by the replicas) and its forwarder. Refusals (bad input, unknown act) are final; anything else
 * is retried until the ministry takes it. A store that cannot be reached fails the request closed with a French
 * BACKEND_UNAVAILABLE; the forwarder simply tries again at its next poll.
 */
export function createMinistryOutbox<R extends LegacyRecord>({ name, system, config, delivery, log, store }: MinistryOutboxOptions<R>): Outbox<R> {
  const outboxLog = log.child({ component: 'outbox' });
  const outbox = createOutbox<R>({
    store: store ?? createSqliteSubmissionStore({ path: config.path }),
    system,
    delivery,
    classify: classifyByCode({ rejectCodes: ['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_CONFLICT'] }),
    owner: outboxOwnerId(name),
    log: outboxLog,
    pollIntervalMs: config.pollIntervalMs,
    leaseMs: config.leaseMs,
  });
  const failClosed = <T>(path: 'accept' | 'read', work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      if (!isOutboxUnavailableError(error)) throw error;
      outboxLog.error({ err: error, system }, path === 'accept' ? 'submission refused: the outbox store is unavailable' : 'held submissions unreadable: the outbox store is unavailable');
      throw submissionsUnavailableError(path);
    });
  return {
    ...outbox,
    submit: (submission) => failClosed('accept', outbox.submit(submission)),
    get: (externalReference) => failClosed('read', outbox.get(externalReference)),
    listForApplicant: (applicantNiu, options) => failClosed('read', outbox.listForApplicant(applicantNiu, options)),
  };
}
