import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { ErreurMines } from './replies.js';

/** One file of a multipart deposit of pieces: its part name is its nature. */
export interface PieceDeposee {
  readonly nature: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly bytes: Buffer;
}

/** SIGEM's own limits on a deposit of pieces: 20 files of 25 MB at most. */
const maxFiles = 20;
const maxFileBytes = 25_000_000;

/** Reads `multipart/form-data` with busboy: every file part is a piece, named by its nature. */
export function receivePieces(req: IncomingMessage): Promise<PieceDeposee[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: maxFiles, fileSize: maxFileBytes } });
    } catch {
      reject(new ErreurMines('PARAMETRE_INVALIDE', 'Le dépôt de pièces attend un corps multipart/form-data.'));
      return;
    }
    const pieces: Promise<PieceDeposee>[] = [];
    let refused: ErreurMines | undefined;
    parser.on('file', (nature, stream, info) => {
      pieces.push(
        new Promise((done) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('limit', () => {
            refused = new ErreurMines('PARAMETRE_INVALIDE', `La pièce ${nature} dépasse 25 Mo.`);
          });
          stream.on('end', () => done({ nature, filename: info.filename ?? nature, mimeType: info.mimeType, bytes: Buffer.concat(chunks) }));
        }),
      );
    });
    parser.on('filesLimit', () => {
      refused = new ErreurMines('PARAMETRE_INVALIDE', `Au plus ${maxFiles} pièces par dépôt.`);
    });
    parser.on('error', () => reject(new ErreurMines('PARAMETRE_INVALIDE', 'Corps multipart illisible.')));
    parser.on('close', () => {
      if (refused) return reject(refused);
      Promise.all(pieces).then((all) => (all.length === 0 ? reject(new ErreurMines('PARAMETRE_INVALIDE', 'Aucune pièce dans le dépôt.')) : resolve(all)), reject);
    });
    req.pipe(parser);
  });
}
