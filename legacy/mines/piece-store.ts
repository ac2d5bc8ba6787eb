import { FileDepot, type FilePart } from '../shared/index.js';
import { dateLegacy } from './legacy-dossier.js';

/** A file SIGEM received for a dossier, as its API lists it (French PascalCase, as the rest of SIGEM). */
export interface PieceRecue {
  /** The document's nature, as the depositor named the part (Guichet sends its kind codes). */
  readonly Nature: string;
  readonly NomFichier: string;
  readonly TypeMime: string;
  readonly Taille: number;
  /** sha256 hex of the bytes received. */
  readonly Empreinte: string;
  /** JJ/MM/AAAA HH:MM, like every SIGEM date. */
  readonly RecueLe: string;
}

/**
 * The files SIGEM holds per dossier number (the shared depot: like the real system it checks nothing of what a file
 * is, and takes the same file twice if it is sent twice), in SIGEM's words.
 */
export class PieceStore {
  private readonly depot = new FileDepot();

  add(numero: string, files: readonly FilePart[], nowMs: number = Date.now()): readonly PieceRecue[] {
    this.depot.add(numero, files, nowMs);
    return this.of(numero);
  }

  of(numero: string): readonly PieceRecue[] {
    return this.depot.of(numero).map((file) => ({
      Nature: file.nature,
      NomFichier: file.filename,
      TypeMime: file.mimeType,
      Taille: file.size,
      Empreinte: file.sha256,
      RecueLe: dateLegacy(file.receivedAtMs),
    }));
  }
}
