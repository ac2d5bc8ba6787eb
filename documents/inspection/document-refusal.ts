import { type ErrorCode, errorMessages } from '../../schema/index.js';

/** The refusals of an upload: each an error code of the one list, the HTTP status it is answered with. */
export type DocumentRefusalCode =
  | typeof ErrorCode.DOCUMENT_TOO_LARGE
  | typeof ErrorCode.DOCUMENT_TYPE_NOT_ALLOWED
  | typeof ErrorCode.DOCUMENT_ACTIVE_CONTENT
  | typeof ErrorCode.DOCUMENT_UNREADABLE
  | typeof ErrorCode.DOCUMENT_UPLOAD_TIMEOUT
  | typeof ErrorCode.BAD_USER_INPUT;

const statusOf: Readonly<Record<DocumentRefusalCode, number>> = {
  DOCUMENT_TOO_LARGE: 413,
  DOCUMENT_TYPE_NOT_ALLOWED: 415,
  DOCUMENT_ACTIVE_CONTENT: 422,
  DOCUMENT_UNREADABLE: 422,
  DOCUMENT_UPLOAD_TIMEOUT: 408,
  BAD_USER_INPUT: 400,
};

/**
 * A document refused before anything is stored: the code, a French message for the user, the HTTP status, and what a
 * client may act on (`maxBytes`, `allowed`, `field`). Thrown by the checks, answered by the upload route.
 */
export class DocumentRefusal extends Error {
  readonly code: DocumentRefusalCode;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>>;
  /** For the log, in English: what exactly was found (never shown to the client). */
  readonly reason: string;
  constructor(code: DocumentRefusalCode, reason: string, options: { readonly message?: string; readonly details?: Readonly<Record<string, unknown>> } = {}) {
    super(options.message ?? errorMessages[code]);
    this.name = 'DocumentRefusal';
    this.code = code;
    this.status = statusOf[code];
    this.details = options.details ?? {};
    this.reason = reason;
  }
}
