import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditEntry } from '../../audit/index.js';
import { checkFilename, documentAuditEntry, DocumentRefusal, inspectDocument, type DocumentStore } from '../../documents/index.js';
import { sendJson, type RouteHandler } from '../../lib/http/index.js';
import { noStore, sendError } from './send-document-error.js';
import type { Logger } from '../../lib/log/index.js';
import { documentKindLabels, documentKinds, documentKindsGivenAsField, ErrorCode, errorMessages, isDocumentKind } from '../../schema/index.js';

/** The kinds a file may be uploaded as: every kind but those given as a field of the application. */
const uploadableKinds = documentKinds.filter((kind) => !documentKindsGivenAsField.has(kind));
import type { GatewayContext } from '../gateway-context.js';
import { signedInCaller } from './signed-in-caller.js';
import { readMultipartUpload } from './read-multipart-upload.js';

export interface UploadRouteOptions {
  /** The gateway's own context factory: the same token verification as `/graphql`. */
  readonly context: (req: IncomingMessage) => Promise<GatewayContext>;
  readonly store: DocumentStore;
  /** Appends to the audit trail; a failure withholds the document (it is deleted again). */
  readonly audit: (entries: readonly AuditEntry[]) => Promise<unknown>;
  readonly maxBytes: number;
  readonly uploadDeadlineMs: number;
  /** Uploads one caller may have in progress at once in this process (`DOCUMENTS_MAX_UPLOADS_PER_CALLER`). */
  readonly maxUploadsPerCaller: number;
  readonly log: Logger;
}

/** Room for the multipart envelope (boundaries, part headers, the kind field) beside the file itself. */
const envelopeBytes = 16_384;

/**
 * `POST /documents`: a citizen's supporting document, checked whole before anything is stored (docs/documents.md),
 * then stored content-addressed and audited. Answers 201 `{ id, sha256, mediaType, size }`, or a refusal in the
 * GraphQL error shape (`errors[0].extensions.code`, a French message) so that a client handles both alike.
 */
export function createUploadRoute({ context, store, audit, maxBytes, uploadDeadlineMs, maxUploadsPerCaller, log }: UploadRouteOptions): RouteHandler {
  // A slow upload holds memory and an admission slot until its deadline: one caller may not hold many.
  const inProgress = new Map<string, number>();
  return async (req, res) => {
    // The deadline runs from the first byte, token check included: a slow client holds memory for no longer.
    const deadline = Date.now() + uploadDeadlineMs;
    const caller = await signedInCaller(context, req, res);
    if (caller === undefined) return;
    const { principal, traceId } = caller;
    // Documents are filed by citizens (in their own name, or for a company they represent): a citizen's token only.
    if (principal.role !== 'citizen' || principal.niu === undefined) return sendError(res, 403, ErrorCode.FORBIDDEN, 'Seul un citoyen connecté peut déposer des pièces justificatives.');
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes + envelopeBytes) return refuse(res, new DocumentRefusal('DOCUMENT_TOO_LARGE', `declared ${declared} bytes`, { details: { maxBytes } }));
    const held = inProgress.get(principal.subject) ?? 0;
    if (held >= maxUploadsPerCaller) {
      return sendError(
        res,
        429,
        ErrorCode.RATE_LIMITED,
        `Vous avez déjà ${held} envois en cours : attendez qu’ils se terminent.`,
        { retryAfterMs: 1_000 },
        { 'retry-after': '1', connection: 'close' },
      );
    }
    inProgress.set(principal.subject, held + 1);
    try {
      const upload = await readMultipartUpload(req, { maxBytes, deadline });
      checkFilename(upload.filename);
      if (upload.kind === undefined || !isDocumentKind(upload.kind)) {
        const message = 'Le type de pièce (champ « kind ») est absent ou inconnu.';
        throw new DocumentRefusal('BAD_USER_INPUT', `kind ${JSON.stringify(upload.kind)}`, { message, details: { fields: [{ path: ['kind'], code: 'INVALID', message }], allowed: uploadableKinds } });
      }
      // A kind given as a field of the application (the act's number) is never a file: refused before anything is kept.
      if (documentKindsGivenAsField.has(upload.kind)) {
        const message = `« ${documentKindLabels[upload.kind]} » se renseigne dans le formulaire de la demande : ce n’est pas une pièce à envoyer.`;
        throw new DocumentRefusal('BAD_USER_INPUT', `kind ${upload.kind} is given as a field`, {
          message,
          details: { fields: [{ path: ['kind'], code: 'INVALID', message }], allowed: uploadableKinds },
        });
      }
      const inspected = await inspectDocument(upload.kind, upload.content);
      const stored = await store.put({
        owner: { subject: principal.subject, niu: principal.niu },
        kind: upload.kind,
        mediaType: inspected.mediaType,
        bytes: inspected.bytes,
        sha256: inspected.sha256,
      });
      try {
        await audit([documentAuditEntry('document:store', stored, { subject: principal.subject, role: principal.role, clientId: principal.clientId, traceId })]);
      } catch (error) {
        // Unaudited, the document must not stay: the citizen's log would not show it was kept.
        await store.delete(stored.id);
        log.error({ err: error, traceId }, 'document withheld: the audit trail refused the entry');
        return sendError(res, 503, ErrorCode.AUDIT_UNAVAILABLE, errorMessages.AUDIT_UNAVAILABLE);
      }
      log.info({ traceId, document: stored.id, kind: stored.kind, mediaType: stored.mediaType, size: stored.size }, 'document stored');
      sendJson(res, 201, { id: stored.id, sha256: stored.sha256, mediaType: stored.mediaType, size: stored.size }, noStore);
    } catch (error) {
      if (!(error instanceof DocumentRefusal)) throw error;
      log.info({ traceId, code: error.code, reason: error.reason }, 'document refused');
      refuse(res, error);
    } finally {
      const left = (inProgress.get(principal.subject) ?? 1) - 1;
      if (left === 0) inProgress.delete(principal.subject);
      else inProgress.set(principal.subject, left);
    }
  };
}

function refuse(res: ServerResponse, refusal: DocumentRefusal): void {
  // The body may still be arriving (too large, too slow): answer, then close rather than read the rest.
  const headers: Record<string, string> = refusal.code === 'DOCUMENT_TOO_LARGE' || refusal.code === 'DOCUMENT_UPLOAD_TIMEOUT' ? { connection: 'close' } : {};
  sendError(res, refusal.status, refusal.code, refusal.message, refusal.details, headers);
}
