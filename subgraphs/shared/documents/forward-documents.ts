import type { AttachedDocuments, PiecesPort, PieceToSend } from '../../../adapters/shared/index.js';
import type { DocumentStore } from '../../../documents/index.js';

const extensionOf: Readonly<Record<string, string>> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * Sends an application's documents to its ministry's system, exactly once (`MinistrySubgraph.completeDelivery`): the
 * systems keep a file sent twice, so the files one already holds for the dossier are listed first and only the others
 * sent, in one call (a retry after a lost answer sends nothing again). Files are named `<kind>.<ext>`: the citizen's
 * own file name is a label only, never forwarded.
 */
export async function forwardDocuments(adapter: PiecesPort, input: { readonly documents: AttachedDocuments }, record: { readonly reference: string }, store: DocumentStore | undefined): Promise<void> {
  if (input.documents.length === 0) return;
  if (store === undefined) throw new Error('documents store not configured');
  const held = new Set((await adapter.listPieces(record.reference)).map((piece) => `${piece.kind}:${piece.sha256}`));
  const toSend: PieceToSend[] = [];
  for (const { kind, id } of input.documents) {
    const document = await store.find(id);
    if (document === undefined) throw new Error(`document ${id} is no longer in the store`);
    if (held.has(`${kind}:${document.sha256}`)) continue;
    const bytes = await store.read(id);
    if (bytes === undefined) throw new Error(`document ${id} has no bytes in the store`);
    toSend.push({ kind, filename: `${kind.toLowerCase()}.${extensionOf[document.mediaType] ?? 'bin'}`, mediaType: document.mediaType, bytes });
  }
  if (toSend.length > 0) await adapter.sendPieces(record.reference, toSend);
}
