import { AdapterError, parseRetryAfterMs, type HttpReply } from '../shared/index.js';
import type { ErrorEnvelope } from './legacy-payloads.js';

/** Codes by which the system refuses what it was sent: the citizen can fix them. */
const userInputCodes = new Set(['PARAMETRE_INVALIDE', 'PROCEDURE_INCONNUE', 'PIECE_MANQUANTE', 'SOCIETE_INCONNUE']);

/** An error envelope (any status) → AdapterError. ERREUR_TECHNIQUE and unknown codes are the system's fault. */
export function envelopeError(operation: string, envelope: ErrorEnvelope, reply: HttpReply): AdapterError {
  const code = envelope.Erreur?.Code ?? '(no code)';
  const message = `HTTP ${reply.status} ${code}: ${envelope.Erreur?.Message ?? ''}`;
  if (code === 'DOSSIER_INEXISTANT') {
    return new AdapterError({ code: 'NOT_FOUND', system: 'mines', operation, retryable: false, message, userMessage: 'Dossier introuvable.' });
  }
  if (userInputCodes.has(code)) {
    // The ministry's wording is French and meant for the applicant.
    return new AdapterError({
      code: 'BAD_USER_INPUT',
      system: 'mines',
      operation,
      retryable: false,
      message,
      userMessage: envelope.Erreur?.Message?.trim() || 'Le ministère a refusé les données transmises.',
    });
  }
  if (code === 'MANDATAIRE_NON_HABILITE') {
    // The graph checks the caller's mandate first; SIGEM's register may know better (a mandate it withdrew since).
    return new AdapterError({
      code: 'FORBIDDEN',
      system: 'mines',
      operation,
      retryable: false,
      message,
      userMessage: envelope.Erreur?.Message?.trim() || 'Le ministère ne vous connaît pas comme représentant de cette société.',
    });
  }
  if (reply.status === 503 || reply.status === 429) {
    const retryAfterMs = parseRetryAfterMs(reply.headers['retry-after']);
    return new AdapterError({ code: 'BACKEND_UNAVAILABLE', system: 'mines', operation, retryable: true, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  return new AdapterError({ code: 'BACKEND_ERROR', system: 'mines', operation, retryable: true, message });
}

/** Our own check failed before any call. */
export function badUserInput(operation: string, userMessage: string): AdapterError {
  return new AdapterError({ code: 'BAD_USER_INPUT', system: 'mines', operation, retryable: false, message: `invalid input: ${userMessage}`, userMessage });
}
