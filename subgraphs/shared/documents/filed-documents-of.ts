import type { FiledDocument as HeldDocument } from '../../../adapters/shared/index.js';
import type { DocumentStore } from '../../../documents/index.js';
import type { FiledDocument } from './filed-document.js';

/**
 * A dossier's `documents`: the files its ministry's record lists (kind, sha256: no extra legacy call), each with
 * Guichet's id when Guichet sent it — the store's documents filed under the application's external reference, matched
 * by kind and content (one indexed store query per dossier read); null for a paper filed at the ministry's counter.
 */
export async function filedDocumentsOf(record: { readonly externalReference: string | null; readonly documents: readonly HeldDocument[] }, store: DocumentStore | undefined): Promise<FiledDocument[]> {
  const filed = record.externalReference !== null && record.documents.length > 0 && store !== undefined ? await store.listReferencedBy(record.externalReference) : [];
  return record.documents.map((document) => ({ ...document, id: filed.find((f) => f.kind === document.kind && f.sha256 === document.sha256)?.id ?? null }));
}
