import type { IncomingMessage } from 'node:http';
import { receiveMultipartFiles, type FilePart, type MultipartRefusal } from '../shared/index.js';
import { ErreurMines } from './replies.js';

/** SIGEM's own limits on a deposit of pieces: 20 files of 25 MB at most. */
const limits = { maxFiles: 20, maxFileBytes: 25_000_000 };

/** Reads `multipart/form-data` (legacy/shared): every file part is a piece, named by its nature; refusals in SIGEM's words. */
export async function receivePieces(req: IncomingMessage): Promise<readonly FilePart[]> {
  const received = await receiveMultipartFiles(req, limits);
  if (!received.ok) throw new ErreurMines('PARAMETRE_INVALIDE', messageOf(received.refusal));
  return received.files;
}

function messageOf(refusal: MultipartRefusal): string {
  switch (refusal.kind) {
    case 'not-multipart':
      return 'Le dépôt de pièces attend un corps multipart/form-data.';
    case 'unreadable':
      return 'Corps multipart illisible.';
    case 'no-file':
      return 'Aucune pièce dans le dépôt.';
    case 'too-many-files':
      return `Au plus ${refusal.maxFiles} pièces par dépôt.`;
    case 'file-too-large':
      return `La pièce ${refusal.name} dépasse 25 Mo.`;
  }
}
