import type { DocumentKind, DocumentMediaType } from '../../schema/index.js';

/** Who uploaded a document: its owner, the only one who may file it. */
export interface DocumentOwner {
  /** The access token's subject. */
  readonly subject: string;
  /** The citizen's NIU: whose personal data the document is, for the audit trail. */
  readonly niu: string;
}

/** A stored document's description (its bytes are read apart, with `read`). */
export interface StoredDocument {
  readonly id: string;
  readonly owner: DocumentOwner;
  readonly kind: DocumentKind;
  readonly mediaType: DocumentMediaType;
  readonly size: number;
  /** sha256 hex of the stored bytes: also the address of those bytes in the store. */
  readonly sha256: string;
  readonly createdAt: Date;
  /** The dossier that references it (a graph reference); undefined: not filed yet, deleted by the sweep in time. */
  readonly referencedBy: string | undefined;
}

export interface NewDocument {
  readonly owner: DocumentOwner;
  readonly kind: DocumentKind;
  readonly mediaType: DocumentMediaType;
  readonly bytes: Buffer;
  readonly sha256: string;
}

/**
 * Where documents are kept: content-addressed bytes (two uploads of the same file share them) under per-upload ids,
 * each id owned by its uploader. Two implementations pass one contract test (document-store-contract.test.ts): the
 * filesystem (embedded) and PostgreSQL (scaled). Access rules and the audit are the callers' (`auditedDocumentStore`).
 */
export interface DocumentStore {
  put(document: NewDocument): Promise<StoredDocument>;
  find(id: string): Promise<StoredDocument | undefined>;
  /** The bytes, or undefined when the id is unknown (or was deleted). */
  read(id: string): Promise<Buffer | undefined>;
  /**
   * Marks documents as filed with a dossier, so that the sweep keeps them: all or none. Each id must be unreferenced
   * or already referenced by that dossier (a retried filing); if one is not (unknown, or another dossier's), none is
   * marked and those are answered.
   */
  markReferenced(ids: readonly string[], reference: string): Promise<readonly string[]>;
  /** Deletes one document (its bytes go when no other id shares them); false when it was not there. */
  delete(id: string): Promise<boolean>;
  /** The documents filed with a dossier (its reference, as `markReferenced` took it), oldest first. */
  listReferencedBy(reference: string): Promise<readonly StoredDocument[]>;
  /** Documents no dossier references, uploaded before `cutoff`, oldest first. */
  listUnreferencedBefore(cutoff: Date, limit: number): Promise<readonly StoredDocument[]>;
  close(): Promise<void>;
}
