// Durable submissions: an application the ministry's system cannot take now is stored, answered QUEUED, and
// delivered exactly once by a background forwarder (find by external reference first, create only if absent).
export type { JsonValue } from './json-value.js';
export { pendingStates, type NewSubmission, type OutboxSystem, type Submission, type SubmissionError, type SubmissionState } from './submission.js';
export { outcomeOfSubmission, type OutcomeKind, type OutcomePage, type OutcomesOptions, type SubmissionOutcome } from './submission-outcome.js';
export {
  defaultListedStates,
  type Backlog,
  type ClaimOptions,
  type Clock,
  type EnqueueOptions,
  type EnqueueResult,
  type ListForApplicantOptions,
  type SubmissionStore,
} from './submission-store.js';
export { createSqliteSubmissionStore, sqliteSchemaVersion, type SqliteSubmissionStoreOptions } from './sqlite-submission-store.js';
export { createMemorySubmissionStore } from './memory-submission-store.js';
export { createPostgresSubmissionStore, type PostgresSubmissionStoreOptions } from './postgres-submission-store.js';
export { outboxPostgresComponent, outboxPostgresMigrations } from './postgres-migrations.js';
export { OutboxUnavailableError, isOutboxUnavailableError } from './outbox-unavailable-error.js';
export { deliverOnce, type DeliveryResult, type LegacyDelivery, type LegacyRecord } from './legacy-delivery.js';
export { classifyByCode, defaultRejectionMessage, type ClassifyByCodeOptions, type ClassifyFailure, type FailureVerdict } from './classify-failure.js';
export { exponentialBackoff, type Backoff, type ExponentialBackoffOptions } from './backoff.js';
export { createForwarder, type Forwarder, type ForwarderOptions, type ForwarderRun } from './create-forwarder.js';
export { submitOrQueue, type SubmitOrQueueOptions, type SubmitOutcome } from './submit-or-queue.js';
export { createOutbox, type Outbox, type OutboxOptions, type OutboxSubmission } from './create-outbox.js';
export { createSingleFlight, type Flight, type SingleFlight } from './single-flight.js';
export { IdempotencyConflictError, isIdempotencyConflictError } from './idempotency-conflict-error.js';
export { outboxEnvSchema, outboxConfigFromEnv, defaultOutboxPath, type OutboxConfig, type OutboxEnv } from './outbox-config.js';
export { outboxOwnerId } from './outbox-owner-id.js';
export type { OutboxLogger } from './outbox-logger.js';
