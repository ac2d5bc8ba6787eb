import {
  classifyByCode,
  createOutbox,
  createSqliteSubmissionStore,
  outboxOwnerId,
  type LegacyDelivery,
  type LegacyRecord,
  type Outbox,
  type OutboxConfig,
  type OutboxSystem,
} from '../../../outbox/index.js';
import type { Logger } from '../../../lib/log/index.js';

export interface MinistryOutboxOptions<R extends LegacyRecord> {
  /** Subgraph name, for the owner id and logs. */
  readonly name: string;
  readonly system: OutboxSystem;
  readonly config: OutboxConfig;
  /** Find by external reference, then create: the legacy calls of this ministry. */
  readonly delivery: LegacyDelivery<R>;
  readonly log: Logger;
}

/**
 * The one way a ministry subgraph keeps applications it could not deliver: a durable SQLite outbox and its
 * forwarder. Refusals (bad input, unknown act) are final; anything else is retried until the ministry takes it.
 */
export function createMinistryOutbox<R extends LegacyRecord>({ name, system, config, delivery, log }: MinistryOutboxOptions<R>): Outbox<R> {
  return createOutbox<R>({
    store: createSqliteSubmissionStore({ path: config.path }),
    system,
    delivery,
    classify: classifyByCode({ rejectCodes: ['BAD_USER_INPUT', 'NOT_FOUND', 'IDEMPOTENCY_CONFLICT'] }),
    owner: outboxOwnerId(name),
    log: log.child({ component: 'outbox' }),
    pollIntervalMs: config.pollIntervalMs,
    leaseMs: config.leaseMs,
  });
}
