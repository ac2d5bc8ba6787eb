import { pino, type Logger } from 'pino';
import { logRedaction } from './redaction.js';

export type { Logger };

/** Structured JSON logs (English), one logger per service; never a token, a name or a NIU in clear. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service }, redact: logRedaction });
}
