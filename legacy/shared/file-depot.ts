import { createHash } from 'node:crypto';
import type { FilePart } from './receive-multipart-files.js';

/** A file a system received for a dossier, before the system words it in its own dialect. */
export interface DepositedFile {
  /** The part's name: the file's nature, as the depositor named it (Guichet sends its kind codes). */
  readonly nature: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly size: number;
  /** sha256 hex of the bytes received. */
  readonly sha256: string;
  readonly receivedAtMs: number;
}

/**
 * The files a simulated system holds per dossier number. Like the real systems it checks nothing of what a file is,
 * and keeps the same file twice if it is sent twice: a depositor that must not duplicate lists the dossier's first.
 */
export class FileDepot {
  private readonly byNumero = new Map<string, DepositedFile[]>();

  add(numero: string, files: readonly FilePart[], nowMs: number): readonly DepositedFile[] {
    let list = this.byNumero.get(numero);
    if (list === undefined) this.byNumero.set(numero, (list = []));
    for (const file of files) {
      list.push({
        nature: file.name,
        filename: file.filename,
        mimeType: file.mimeType,
        size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        receivedAtMs: nowMs,
      });
    }
    return list;
  }

  of(numero: string): readonly DepositedFile[] {
    return this.byNumero.get(numero) ?? [];
  }
}
