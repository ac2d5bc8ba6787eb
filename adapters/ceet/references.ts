import { AdapterError } from '../shared/index.js';

const referencePattern = /^CEET-(\d{4}-\d{6})$/;

/** CEET numero `2026-000123` → graph reference `CEET-2026-000123`. */
export function referenceOfNumero(numero: string): string {
  return `CEET-${numero}`;
}

/** Graph reference → CEET numero; a reference of another form is BAD_USER_INPUT, before any call. */
export function numeroOfReference(reference: string, operation: string): string {
  const match = referencePattern.exec(reference);
  if (!match?.[1]) {
    throw new AdapterError({
      code: 'BAD_USER_INPUT',
      system: 'ceet',
      operation,
      retryable: false,
      message: `not a CEET reference: ${JSON.stringify(reference.slice(0, 40))}`,
      userMessage: `Référence de demande de raccordement invalide : ${reference.slice(0, 40)} (format attendu : CEET-2026-000123).`,
    });
  }
  return match[1];
}
