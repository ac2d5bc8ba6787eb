import { isDocumentKind, isDocumentMediaType } from '../../schema/index.js';
import type { StoredDocument } from './document-store.js';

/** A row of either store's `documents` table, with the instant as epoch milliseconds. */
export interface DocumentRow {
  readonly id: string;
  readonly owner_subject: string;
  readonly owner_niu: string;
  readonly kind: string;
  readonly media_type: string;
  readonly size: number | string;
  readonly sha256: string;
  readonly created_at: number | string | Date;
  readonly referenced_by: string | null;
}

export function toStoredDocument(row: DocumentRow): StoredDocument {
  // Written only by this code, but a row from an older or newer release must not pass as a kind it is not.
  if (!isDocumentKind(row.kind)) throw new Error(`document ${row.id}: unknown kind ${row.kind}`);
  if (!isDocumentMediaType(row.media_type)) throw new Error(`document ${row.id}: unknown media type ${row.media_type}`);
  return {
    id: row.id,
    owner: { subject: row.owner_subject, niu: row.owner_niu },
    kind: row.kind,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(Number(row.created_at)),
    referencedBy: row.referenced_by ?? undefined,
  };
}
