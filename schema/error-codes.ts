/**
 * The one list of error codes shared by every layer: adapters raise them, subgraphs expose them as
 * `extensions.code`, the gateway keeps them. Public contract: never rename a code.
 */
export const ErrorCode = {
  /** The requested record does not exist (or is not visible to the caller). */
  NOT_FOUND: 'NOT_FOUND',
  /** The client sent invalid input. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The legacy system could not be reached (refused, reset, down, overloaded). */
  BACKEND_UNAVAILABLE: 'BACKEND_UNAVAILABLE',
  /** The legacy system did not answer within the time allowed. */
  BACKEND_TIMEOUT: 'BACKEND_TIMEOUT',
  /** The legacy system answered with an error of its own. */
  BACKEND_ERROR: 'BACKEND_ERROR',
  /** The legacy system answered something we cannot read. */
  BAD_BACKEND_RESPONSE: 'BAD_BACKEND_RESPONSE',
  /** The same idempotency key was already used for a different request. */
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  /** Anything unexpected; details stay in the logs. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Default user-facing messages (French, the users' language). */
export const errorMessages: Readonly<Record<ErrorCode, string>> = {
  NOT_FOUND: 'Élément introuvable.',
  BAD_USER_INPUT: 'Données invalides.',
  BACKEND_UNAVAILABLE: 'Le système du ministère est momentanément indisponible. Réessayez plus tard.',
  BACKEND_TIMEOUT: 'Le système du ministère ne répond pas assez vite. Réessayez plus tard.',
  BACKEND_ERROR: 'Le système du ministère a signalé une erreur.',
  BAD_BACKEND_RESPONSE: 'Le système du ministère a renvoyé une réponse illisible.',
  IDEMPOTENCY_CONFLICT: 'Cette clé d’idempotence a déjà servi pour une autre demande.',
  INTERNAL_SERVER_ERROR: 'Erreur interne. Réessayez plus tard.',
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCode, value);
}
