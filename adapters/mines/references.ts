import { AdapterError, badPayload } from '../shared/index.js';

const referencePattern = /^MEM-(\d{4})-(\d{6})$/;
const numeroPattern = /^(\d{4})\/(\d{6})$/;

/** `MEM-2026-000123` → `2026/000123`, or undefined for a reference of another form. */
export function numeroOf(reference: string): string | undefined {
  const match = referencePattern.exec(reference);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** Like numeroOf, but a malformed reference is the caller's mistake: BAD_USER_INPUT before any call. */
export function requireNumero(reference: string, operation: string): string {
  const numero = numeroOf(reference);
  if (numero) return numero;
  throw new AdapterError({
    code: 'BAD_USER_INPUT',
    system: 'mines',
    operation,
    retryable: false,
    message: `malformed reference ${JSON.stringify(reference)}`,
    userMessage: `La référence « ${reference} » n’est pas une référence de ce ministère (format attendu : MEM-2026-000123).`,
  });
}

/** `2026/000123` → `MEM-2026-000123`; any other numbering is a payload we cannot trust. */
export function referenceOf(numero: string, operation: string): string {
  const match = numeroPattern.exec(numero);
  if (!match) throw badPayload('mines', operation, `unexpected dossier number ${JSON.stringify(numero)}`);
  return `MEM-${match[1]}-${match[2]}`;
}
