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
  /** The circuit breaker of that legacy system is open after repeated failures: not even tried. */
  CIRCUIT_OPEN: 'CIRCUIT_OPEN',
  /** Too many calls already waiting for that legacy system (bulkhead full): not tried. */
  BACKEND_OVERLOADED: 'BACKEND_OVERLOADED',
  /** The legacy system answered with an error of its own. */
  BACKEND_ERROR: 'BACKEND_ERROR',
  /** The legacy system answered something we cannot read. */
  BAD_BACKEND_RESPONSE: 'BAD_BACKEND_RESPONSE',
  /** The same idempotency key was already used for a different request. */
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  /** No valid credentials (missing, expired, forged or for another audience); nothing more is said. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Authenticated, but this caller may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  /** Too many requests from this user or client; `retryAfterMs` says when to come back. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The operation is too deep, too wide or too costly for the limits. */
  OPERATION_TOO_COMPLEX: 'OPERATION_TOO_COMPLEX',
  /** A trusted-document id the gateway does not know. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** An arbitrary document from a client that may only send trusted documents. */
  DOCUMENT_NOT_TRUSTED: 'DOCUMENT_NOT_TRUSTED',
  /** The request itself is malformed (body, variables): fix the request, do not retry it as is. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** Personal data withheld: the audit trail cannot record the access now (append failed, trail behind its witness). */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** The gateway is at capacity and refused the request early, before any work; `retryAfterMs` says when to come back. */
  SERVICE_OVERLOADED: 'SERVICE_OVERLOADED',
  /**
   * The token could not be checked now (the identity provider's signing keys cannot be fetched): not the caller's
   * fault, so neither a refusal of the token nor a reason to sign in again; `retryAfterMs` says when to retry.
   */
  AUTH_UNAVAILABLE: 'AUTH_UNAVAILABLE',
  /** An uploaded document is larger than the limit (`DOCUMENTS_MAX_BYTES`); `maxBytes` says how large it may be. */
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  /** What an uploaded document really is (sniffed from its bytes) is not accepted for its kind; `allowed` lists what is. */
  DOCUMENT_TYPE_NOT_ALLOWED: 'DOCUMENT_TYPE_NOT_ALLOWED',
  /** An uploaded PDF carries active content (JavaScript, automatic actions, launchers, embedded files) or is encrypted. */
  DOCUMENT_ACTIVE_CONTENT: 'DOCUMENT_ACTIVE_CONTENT',
  /** An uploaded document cannot be read whole (a truncated or corrupt image or PDF). */
  DOCUMENT_UNREADABLE: 'DOCUMENT_UNREADABLE',
  /** An upload did not arrive whole before its deadline (`DOCUMENTS_UPLOAD_DEADLINE_MS`). */
  DOCUMENT_UPLOAD_TIMEOUT: 'DOCUMENT_UPLOAD_TIMEOUT',
  /** Anything unexpected; details stay in the logs. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Default messages. What a user can act on is in French, the users' language; what only a developer can fix — a
 * malformed request, an operation outside the manifest or over the limits — is a protocol error, in English like
 * GraphQL's and Apollo's own (`errorAudience` says which is which; schema/error-language.test.ts holds it).
 */
export const errorMessages: Readonly<Record<ErrorCode, string>> = {
  NOT_FOUND: 'Élément introuvable.',
  BAD_USER_INPUT: 'Données invalides.',
  BACKEND_UNAVAILABLE: 'Le système du ministère est momentanément indisponible. Réessayez plus tard.',
  BACKEND_TIMEOUT: 'Le système du ministère ne répond pas assez vite. Réessayez plus tard.',
  CIRCUIT_OPEN: 'Le système du ministère est en panne ; les appels sont suspendus quelques instants. Réessayez plus tard.',
  BACKEND_OVERLOADED: 'Le système du ministère est saturé. Réessayez dans quelques instants.',
  BACKEND_ERROR: 'Le système du ministère a signalé une erreur.',
  BAD_BACKEND_RESPONSE: 'Le système du ministère a renvoyé une réponse illisible.',
  IDEMPOTENCY_CONFLICT: 'Cette clé d’idempotence a déjà servi pour une autre demande.',
  UNAUTHENTICATED: 'Authentification requise.',
  FORBIDDEN: 'Vous n’avez pas accès à cette information.',
  RATE_LIMITED: 'Trop de requêtes. Réessayez dans quelques instants.',
  OPERATION_TOO_COMPLEX: 'Operation too complex.',
  // Apollo's APQ wording, which persisted-query links match on (with the code) to send the full document instead.
  PERSISTED_QUERY_NOT_FOUND: 'PersistedQueryNotFound',
  DOCUMENT_NOT_TRUSTED: 'This client may only send trusted documents (the operations of the manifest, by id or exact text).',
  BAD_REQUEST: 'Malformed request.',
  AUDIT_UNAVAILABLE: 'Le journal des accès ne peut pas enregistrer cette consultation pour le moment : les données personnelles ne sont pas servies. Réessayez plus tard.',
  SERVICE_OVERLOADED: 'Le service est saturé. Réessayez dans quelques instants.',
  AUTH_UNAVAILABLE: 'La vérification de votre connexion est momentanément impossible. Réessayez dans quelques instants.',
  DOCUMENT_TOO_LARGE: 'Le document dépasse la taille autorisée.',
  DOCUMENT_TYPE_NOT_ALLOWED: 'Ce type de fichier n’est pas accepté pour cette pièce.',
  DOCUMENT_ACTIVE_CONTENT: 'Ce PDF contient du contenu actif (script, action automatique, fichier joint) ou est chiffré : il n’est pas accepté.',
  DOCUMENT_UNREADABLE: 'Le document est illisible ou incomplet.',
  DOCUMENT_UPLOAD_TIMEOUT: 'L’envoi du document a pris trop de temps. Réessayez avec une meilleure connexion.',
  INTERNAL_SERVER_ERROR: 'Erreur interne. Réessayez plus tard.',
};

/**
 * Who reads a code's message. `user`: French, for the person using the service (what happened, what to do);
 * `developer`: English, a protocol error only the client's developer can fix. `extensions.fields[].message` is always
 * for the user (French), even under a developer-facing code.
 */
export const errorAudience: Readonly<Record<ErrorCode, 'user' | 'developer'>> = {
  NOT_FOUND: 'user',
  BAD_USER_INPUT: 'user',
  BACKEND_UNAVAILABLE: 'user',
  BACKEND_TIMEOUT: 'user',
  CIRCUIT_OPEN: 'user',
  BACKEND_OVERLOADED: 'user',
  BACKEND_ERROR: 'user',
  BAD_BACKEND_RESPONSE: 'user',
  IDEMPOTENCY_CONFLICT: 'user',
  UNAUTHENTICATED: 'user',
  FORBIDDEN: 'user',
  RATE_LIMITED: 'user',
  OPERATION_TOO_COMPLEX: 'developer',
  PERSISTED_QUERY_NOT_FOUND: 'developer',
  DOCUMENT_NOT_TRUSTED: 'developer',
  BAD_REQUEST: 'developer',
  AUDIT_UNAVAILABLE: 'user',
  SERVICE_OVERLOADED: 'user',
  AUTH_UNAVAILABLE: 'user',
  DOCUMENT_TOO_LARGE: 'user',
  DOCUMENT_TYPE_NOT_ALLOWED: 'user',
  DOCUMENT_ACTIVE_CONTENT: 'user',
  DOCUMENT_UNREADABLE: 'user',
  DOCUMENT_UPLOAD_TIMEOUT: 'user',
  INTERNAL_SERVER_ERROR: 'user',
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCode, value);
}
