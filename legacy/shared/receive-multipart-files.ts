import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** One file part of a `multipart/form-data` body: the simulators take a part's name as the file's nature. */
export interface FilePart {
  readonly name: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly bytes: Buffer;
}

/** Why a body of files was refused: each simulator answers it in its own dialect. */
export type MultipartRefusal =
  | { readonly kind: 'not-multipart' }
  | { readonly kind: 'unreadable' }
  | { readonly kind: 'no-file' }
  | { readonly kind: 'too-many-files'; readonly maxFiles: number }
  | { readonly kind: 'file-too-large'; readonly name: string; readonly maxFileBytes: number };

export type MultipartFiles = { readonly ok: true; readonly files: readonly FilePart[] } | { readonly ok: false; readonly refusal: MultipartRefusal };

/**
 * Reads a deposit of files (`multipart/form-data`) with busboy, every file part whole in memory, within the system's
 * own limits. Like the real systems, nothing is checked of what a file is: its declared type is kept as sent.
 */
export function receiveMultipartFiles(req: IncomingMessage, limits: { readonly maxFiles: number; readonly maxFileBytes: number }): Promise<MultipartFiles> {
  const { maxFiles, maxFileBytes } = limits;
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: maxFiles, fileSize: maxFileBytes } });
    } catch {
      resolve({ ok: false, refusal: { kind: 'not-multipart' } });
      return;
    }
    const files: Promise<FilePart>[] = [];
    let refusal: MultipartRefusal | undefined;
    parser.on('file', (name, stream, info) => {
      files.push(
        new Promise((done) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('limit', () => {
            refusal ??= { kind: 'file-too-large', name, maxFileBytes };
          });
          stream.on('end', () => done({ name, filename: info.filename ?? name, mimeType: info.mimeType, bytes: Buffer.concat(chunks) }));
        }),
      );
    });
    parser.on('filesLimit', () => {
      refusal ??= { kind: 'too-many-files', maxFiles };
    });
    parser.on('error', () => resolve({ ok: false, refusal: { kind: 'unreadable' } }));
    parser.on('close', () => {
      if (refusal) return resolve({ ok: false, refusal });
      void Promise.all(files).then((all) => resolve(all.length === 0 ? { ok: false, refusal: { kind: 'no-file' } } : { ok: true, files: all }));
    });
    req.pipe(parser);
  });
}
