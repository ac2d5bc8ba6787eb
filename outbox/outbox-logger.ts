import type { Logger } from '../lib/log/index.js';

/** The part of the services' pino logger the outbox writes to. */
export type OutboxLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
