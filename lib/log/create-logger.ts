import { pino, type Logger } from 'pino';
import { logRedaction, maskNiu } from './redaction.js';

export type { Logger };

const niuInText = /(?<!\d)\d{12}(?!\d)/g;

/**
 * The last line of defence: a NIU that slipped into free text (a legacy fault message, an error string) is masked
 * in the written line itself. Structured fields are already redacted by path.
 */
const maskingStdout = {
  write(line: string): void {
    process.stdout.write(line.replace(niuInText, maskNiu));
  },
};

/** Structured JSON logs (English), one logger per service; never a token, a name or a NIU in clear. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service }, redact: logRedaction }, maskingStdout);
}
