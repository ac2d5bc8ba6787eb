import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs (English), one logger per service. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}
