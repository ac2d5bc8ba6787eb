import { AdapterError, isAdapterError, parseRetryAfterMs, transportError } from '../shared/index.js';
import { faultDetailSchema, faultRootSchema } from './rnec-payloads.js';

const notFoundMessages: Readonly<Record<string, string>> = {
  PERSONNE_INTROUVABLE: 'Aucune personne ne correspond à ce NIU à l’état civil.',
  ACTE_INTROUVABLE: 'Aucun acte d’état civil ne porte ce numéro.',
  DEMANDE_INTROUVABLE: 'Aucune demande de copie ne porte cette référence.',
};
const refusals = new Set(['PARAMETRE_INVALIDE', 'TROP_DE_NIU']);
const knownCodes = /\b(PERSONNE_INTROUVABLE|ACTE_INTROUVABLE|DEMANDE_INTROUVABLE|PARAMETRE_INVALIDE|TROP_DE_NIU|ERREUR_INTERNE)\b/;

/**
 * One RNEC error code (from a Fault's detail or from `CODE_RETOUR`) → AdapterError. `side` is the Fault's
 * `soap:Client`/`soap:Server`, when there was a Fault.
 */
export function rnecCodeError(operation: string, code: string | undefined, message: string | null, side?: 'Client' | 'Server'): AdapterError {
  const described = `${side ? `soap:${side} ` : ''}${code ?? 'no code'}: ${message ?? ''}`;
  const notFound = code ? notFoundMessages[code] : undefined;
  if (notFound) return new AdapterError({ code: 'NOT_FOUND', system: 'rnec', operation, retryable: false, message: described, userMessage: notFound });
  if (code && refusals.has(code)) {
    const userMessage = message ? `L’état civil a refusé la demande : ${message}` : 'L’état civil a refusé les paramètres de la demande.';
    return new AdapterError({ code: 'BAD_USER_INPUT', system: 'rnec', operation, retryable: false, message: described, userMessage });
  }
  // soap:Server and ERREUR_INTERNE are the registry's own failures: another try may work.
  return new AdapterError({ code: 'BACKEND_ERROR', system: 'rnec', operation, retryable: side === 'Server' || code === 'ERREUR_INTERNE', message: described });
}

interface SoapCallFailure {
  readonly response?: { readonly status?: unknown; readonly headers?: Record<string, unknown> };
  readonly root?: unknown;
  readonly Fault?: { readonly faultstring?: unknown };
}

/**
 * Classifies what a node-soap call rejected with. node-soap does not validate HTTP statuses: it parses whatever
 * came back and attaches the axios response; a SOAP Fault arrives as an Error whose `root` is the parsed envelope,
 * an unreadable body as `{ Fault: { faultstring: 'Invalid XML' } }`; no response at all is a transport failure.
 */
export function soapCallError(operation: string, error: unknown): AdapterError {
  if (isAdapterError(error)) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as SoapCallFailure;
  const status = typeof failure.response?.status === 'number' ? failure.response.status : undefined;
  if (status === undefined) return transportError('rnec', operation, error);
  if (status === 503 || status === 429) {
    const retryAfter = failure.response?.headers?.['retry-after'];
    const retryAfterMs = parseRetryAfterMs(typeof retryAfter === 'string' ? retryAfter : undefined);
    return new AdapterError({ code: 'BACKEND_UNAVAILABLE', system: 'rnec', operation, retryable: true, message: `HTTP ${status}`, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  const root = faultRootSchema.safeParse(failure.root);
  if (root.success) {
    const fault = root.data.Envelope.Body.Fault;
    const side = /Server$/i.test(fault.faultcode) ? 'Server' : /Client$/i.test(fault.faultcode) ? 'Client' : undefined;
    const detail = faultDetailSchema.safeParse(fault.detail);
    const code = detail.success ? detail.data.ERREUR.CODE_ERREUR : knownCodes.exec(fault.faultstring ?? '')?.[1];
    return rnecCodeError(operation, code, (detail.success ? detail.data.ERREUR.MESSAGE_ERREUR : null) ?? fault.faultstring ?? null, side);
  }
  const message = error instanceof Error ? error.message : typeof failure.Fault?.faultstring === 'string' ? failure.Fault.faultstring : 'unreadable response';
  if (status >= 500) {
    return new AdapterError({ code: 'BACKEND_ERROR', system: 'rnec', operation, retryable: true, message: `HTTP ${status}: ${message}`, cause: error });
  }
  return new AdapterError({ code: 'BAD_BACKEND_RESPONSE', system: 'rnec', operation, retryable: true, message: `HTTP ${status}: ${message}`, cause: error });
}
