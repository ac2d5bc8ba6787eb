import type { AuditEntry } from '../audit/index.js';
import type { StoredDocument } from './storage/document-store.js';

/** What happened to a document, as the audit trail names it (`operationName`). */
export type DocumentAuditAction = 'document:store' | 'document:read' | 'document:delete';

/** Who acted: a caller from its token, or Guichet itself (the sweep, the forwarder). */
export interface DocumentActor {
  readonly subject: string;
  readonly role: string;
  readonly clientId: string;
  readonly traceId: string;
}

/**
 * One audit entry for one document: whose personal data (the uploader's NIU), what was done, by whom. The system is
 * `documents`, the store, so that a citizen's access log shows their papers were stored, read to be forwarded, or
 * deleted.
 */
export function documentAuditEntry(action: DocumentAuditAction, document: StoredDocument, actor: DocumentActor, at = new Date()): AuditEntry {
  return {
    at: at.toISOString(),
    subject: actor.subject,
    role: actor.role,
    clientId: actor.clientId,
    niu: document.owner.niu,
    action: action === 'document:read' ? 'read' : 'write',
    operationName: action,
    systems: ['documents'],
    traceId: actor.traceId,
  };
}
