import { AdapterError } from '../shared/index.js';
import type { ErrorEnvelope } from './legacy-payloads.js';

/** Codes by which Urbanisme refuses what it was sent: the citizen can fix them. */
const userInputCodes = new Set(['PARAMETRE_INVALIDE', 'TITRE_FONCIER_REQUIS', 'ARCHITECTE_NON_INSCRIT']);

/** An in-200 `{"statut":"erreur"}` → AdapterError. ERREUR_INTERNE and any code we do not know are the system's fault. */
export function envelopeError(operation: string, envelope: ErrorEnvelope): AdapterError {
  const code = envelope.code ?? '(no code)';
  const message = `${code}: ${envelope.message ?? ''}`;
  if (code === 'DOSSIER_INTROUVABLE') {
    return new AdapterError({ code: 'NOT_FOUND', system: 'urbanisme', operation, retryable: false, message, userMessage: 'Dossier de permis de construire introuvable.' });
  }
  if (userInputCodes.has(code)) {
    return new AdapterError({
      code: 'BAD_USER_INPUT',
      system: 'urbanisme',
      operation,
      retryable: false,
      message,
      // The ministry's wording is French and meant for the applicant.
      userMessage: envelope.message?.trim() || 'La direction de l’urbanisme a refusé les données transmises.',
    });
  }
  return new AdapterError({ code: 'BACKEND_ERROR', system: 'urbanisme', operation, retryable: true, message });
}

/** Our own check failed before any call. */
export function badUserInput(operation: string, userMessage: string): AdapterError {
  return new AdapterError({ code: 'BAD_USER_INPUT', system: 'urbanisme', operation, retryable: false, message: `invalid input: ${userMessage}`, userMessage });
}
