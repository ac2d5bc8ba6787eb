import type { IncomingMessage } from 'node:http';
import type { AuditEntry } from '../../audit/index.js';
import { documentAuditEntry, type DocumentStore } from '../../documents/index.js';
import type { RouteHandler } from '../../lib/http/index.js';
import type { Logger } from '../../lib/log/index.js';
import { ErrorCode, errorMessages } from '../../schema/index.js';
import type { GatewayContext } from '../gateway-context.js';
import { signedInCaller } from './signed-in-caller.js';
import type { DossierAccess } from '../self-graph/index.js';
import { noStore, sendError } from './send-document-error.js';

export interface DownloadRouteOptions {
  /** The gateway's own context factory: the same token verification as `/graphql`. */
  readonly context: (req: IncomingMessage) => Promise<GatewayContext>;
  readonly store: DocumentStore;
  /** Appends to the audit trail; a failure withholds the file. */
  readonly audit: (entries: readonly AuditEntry[]) => Promise<unknown>;
  /** Whether the caller may read the dossier `reference`, asked of the graph with their credentials (read-document-dossier.ts). */
  readonly dossierAccess: (req: IncomingMessage, caller: GatewayContext, reference: string) => Promise<DossierAccess>;
  readonly log: Logger;
}

/** The path's id: a UUID, as the store gives them (anything else cannot be a document, and is not looked up). */
const idPattern = /^\/documents\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const extensionOf: Readonly<Record<string, string>> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };
const notFound = 'Aucun document à ce numéro, ou vous n’avez pas accès au dossier qui le contient.';

/**
 * `GET /documents/{id}`: the bytes of a supporting document, for whoever may read the dossier it was filed with (its
 * applicant, the company's representatives, the ministry's agents: the graph decides, by reading that dossier with the
 * caller's own token, which also puts the read in the dossier's access log), or for its uploader while no application
 * references it. Anyone else gets the answer of a document that does not exist. Every download is audited
 * (`document:read`, the uploader's NIU) before a byte is sent; the file goes as an attachment named after its kind,
 * with its sniffed media type and `nosniff`, so that a browser never renders it as something else.
 */
export function createDownloadRoute({ context, store, audit, dossierAccess, log }: DownloadRouteOptions): RouteHandler {
  return async (req, res, url) => {
    const caller = await signedInCaller(context, req, res);
    if (caller === undefined) return;
    const { principal, traceId } = caller;
    const id = idPattern.exec(url.pathname)?.[1];
    const document = id === undefined ? undefined : await store.find(id);
    if (document === undefined) return sendError(res, 404, ErrorCode.NOT_FOUND, notFound);
    if (document.referencedBy === undefined) {
      // Not filed yet: the uploader's own draft, nobody else's business.
      if (document.owner.subject !== principal.subject) return sendError(res, 404, ErrorCode.NOT_FOUND, notFound);
    } else {
      const access = await dossierAccess(req, caller, document.referencedBy);
      if (access.kind === 'not-readable') return sendError(res, 404, ErrorCode.NOT_FOUND, notFound);
      if (access.kind === 'failure') {
        // A ministry down answers 200 with an error beside a null dossier: no file, and "come back later".
        const status = access.httpStatus >= 400 ? access.httpStatus : 503;
        const retry: Record<string, string> = access.retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(access.retryAfterMs / 1000)) };
        log.warn({ traceId, document: document.id, code: access.code }, 'document withheld: its dossier could not be read');
        return sendError(res, status, access.code, errorMessages[access.code as keyof typeof errorMessages] ?? errorMessages.INTERNAL_SERVER_ERROR, {}, retry);
      }
    }
    const bytes = await store.read(document.id);
    if (bytes === undefined) return sendError(res, 404, ErrorCode.NOT_FOUND, notFound);
    try {
      await audit([documentAuditEntry('document:read', document, { subject: principal.subject, role: principal.role, clientId: principal.clientId, traceId })]);
    } catch (error) {
      log.error({ err: error, traceId }, 'document withheld: the audit trail refused the entry');
      return sendError(res, 503, ErrorCode.AUDIT_UNAVAILABLE, errorMessages.AUDIT_UNAVAILABLE);
    }
    // The name is Guichet's, from the kind: the uploader's file name is a label never stored nor echoed back.
    const filename = `${document.kind.toLowerCase()}.${extensionOf[document.mediaType] ?? 'bin'}`;
    res.writeHead(200, {
      ...noStore,
      'content-type': document.mediaType,
      'content-length': bytes.length,
      'content-disposition': `attachment; filename="${filename}"`,
      'x-content-type-options': 'nosniff',
      // Opened in a tab anyway, the file runs nothing and loads nothing.
      'content-security-policy': "default-src 'none'; sandbox",
      etag: `"${document.sha256}"`,
    });
    res.end(bytes);
  };
}
