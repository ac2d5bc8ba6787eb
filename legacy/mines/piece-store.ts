import { createHash } from 'node:crypto';

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
 * The files SIGEM holds per dossier number. Like the real system it checks nothing of what a file is, and takes the
 * same file twice if it is sent twice: a depositor that must not duplicate lists the dossier's pieces first.
 */
export class PieceStore {
  private readonly byNumero = new Map<string, PieceRecue[]>();

  add(numero: string, piece: Omit<PieceRecue, 'Empreinte' | 'Taille'> & { readonly bytes: Buffer }): PieceRecue {
    const { bytes, ...rest } = piece;
    const received: PieceRecue = { ...rest, Taille: bytes.length, Empreinte: createHash('sha256').update(bytes).digest('hex') };
    let list = this.byNumero.get(numero);
    if (list === undefined) this.byNumero.set(numero, (list = []));
    list.push(received);
    return received;
  }

  of(numero: string): readonly PieceRecue[] {
    return this.byNumero.get(numero) ?? [];
  }
}
