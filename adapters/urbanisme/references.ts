import { AdapterError, badPayload } from '../shared/index.js';

const referencePattern = /^URB-(\d{4})-(\d{6})$/;
const numeroPattern = /^PC-(\d{4})-(\d{6})$/;

/** `URB-2026-004321` → `PC-2026-004321`, or undefined for a reference of another form. */
export function numeroOf(reference: string): string | undefined {
  const match = referencePattern.exec(reference);
  return match ? `PC-${match[1]}-${match[2]}` : undefined;
}

/** Like numeroOf, but a malformed reference is the caller's mistake: BAD_USER_INPUT before any call. */
export function requireNumero(reference: string, operation: string): string {
  const numero = numeroOf(reference);
  if (numero) return numero;
  throw new AdapterError({
    code: 'BAD_USER_INPUT',
    system: 'urbanisme',
    operation,
    retryable: false,
    message: `malformed reference ${JSON.stringify(reference)}`,
    userMessage: `La référence « ${reference} » n’est pas une référence de permis de construire (format attendu : URB-2026-004321).`,
  });
}

/** `PC-2026-004321` → `URB-2026-004321`; any other numbering from Urbanisme is a payload we cannot trust. */
export function referenceOf(numero: string, operation: string): string {
  const match = numeroPattern.exec(numero);
  if (!match) throw badPayload('urbanisme', operation, `unexpected dossier numero ${JSON.stringify(numero)}`);
  return `URB-${match[1]}-${match[2]}`;
}
