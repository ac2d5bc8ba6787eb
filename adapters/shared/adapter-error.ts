import type { ErrorCode } from '../../schema/error-codes.js';
import type { LegacySystem } from './legacy-system.js';

/** The codes an adapter may raise: the shared ones from schema/, less those only the graph uses. */
export type AdapterErrorCode = Extract<
  ErrorCode,
  'NOT_FOUND' | 'BAD_USER_INPUT' | 'FORBIDDEN' | 'BACKEND_UNAVAILABLE' | 'BACKEND_TIMEOUT' | 'BACKEND_ERROR' | 'BAD_BACKEND_RESPONSE' | 'IDEMPOTENCY_CONFLICT' | 'CIRCUIT_OPEN' | 'BACKEND_OVERLOADED'
>;

const brand = Symbol.for('guichet.AdapterError');

export interface AdapterErrorOptions {
  readonly code: AdapterErrorCode;
  readonly system: LegacySystem;
  readonly operation: string;
  /** Whether calling again may succeed (never decides alone: non-idempotent calls are not retried). */
  readonly retryable: boolean;
  /** English, for logs. */
  readonly message: string;
  /** A French sentence safe to show a user, when more precise than the code's default. */
  readonly userMessage?: string;
  /** From `Retry-After`, when the system said when to come back. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/**
 * The one error an adapter throws: a legacy fault, an HTTP status, an error inside a 200 or an unreadable payload
 * all become this, with a stable code. Subgraphs turn it into a GraphQL error carrying `extensions.code`.
 */
export class AdapterError extends Error {
  readonly [brand] = true;
  readonly code: AdapterErrorCode;
  readonly system: LegacySystem;
  readonly operation: string;
  readonly retryable: boolean;
  readonly userMessage: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(options: AdapterErrorOptions) {
    super(`${options.system}.${options.operation}: ${options.message}`, { cause: options.cause });
    this.name = 'AdapterError';
    this.code = options.code;
    this.system = options.system;
    this.operation = options.operation;
    this.retryable = options.retryable;
    this.userMessage = options.userMessage;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Branded check: works across copies of this module. */
export function isAdapterError(error: unknown): error is AdapterError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}
