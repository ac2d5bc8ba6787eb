import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { DocumentRefusal } from '../../documents/index.js';

/** One upload as it came: the file's bytes, its client-side name (a label only), and the form's `kind`. */
export interface MultipartUpload {
  readonly content: Buffer;
  readonly filename: string | undefined;
  readonly kind: string | undefined;
}

export interface ReadMultipartOptions {
  readonly maxBytes: number;
  /** When the whole body must have arrived, as a `Date.now()` instant. */
  readonly deadline: number;
}

/** The upload form: one part `file`, one field `kind`; anything else is a malformed request. */
const fileField = 'file';
const kindField = 'kind';

/**
 * Reads a multipart/form-data body with busboy: exactly one file part, cut (and refused) past `maxBytes` or past the
 * deadline. Nothing is written anywhere: the bytes stay in memory (at most `maxBytes`) until every check has passed.
 * busboy keeps a name's directories only with `preservePath`: we want to see them, to refuse them.
 */
export function readMultipartUpload(req: IncomingMessage, { maxBytes, deadline }: ReadMultipartOptions): Promise<MultipartUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, preservePath: true, limits: { files: 1, fileSize: maxBytes, fields: 2, fieldSize: 256, parts: 3, fieldNameSize: 64 } });
    } catch {
      reject(malformed('expected a multipart/form-data body with a boundary'));
      return;
    }
    let settled = false;
    const fail = (error: DocumentRefusal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.unpipe(parser);
      reject(error);
    };
    const timer = setTimeout(() => fail(new DocumentRefusal('DOCUMENT_UPLOAD_TIMEOUT', 'upload deadline passed')), Math.max(0, deadline - Date.now()));
    let kind: string | undefined;
    let file: { chunks: Buffer[]; filename: string | undefined; done: boolean } | undefined;
    parser.on('field', (name, value, info) => {
      if (name !== kindField || kind !== undefined) return fail(malformed(`unexpected form field ${JSON.stringify(name)}`));
      if (info.valueTruncated) return fail(malformed('the kind field is too long'));
      kind = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== fileField) {
        stream.resume();
        return fail(malformed(`the file part must be named ${fileField}`));
      }
      const current = { chunks: [] as Buffer[], filename: info.filename, done: false };
      file = current;
      stream.on('data', (chunk: Buffer) => current.chunks.push(chunk));
      stream.on('limit', () => fail(new DocumentRefusal('DOCUMENT_TOO_LARGE', 'file part over the limit', { details: { maxBytes } })));
      stream.on('end', () => {
        current.done = true;
      });
    });
    parser.on('filesLimit', () => fail(malformed('exactly one file per upload')));
    parser.on('fieldsLimit', () => fail(malformed('too many form fields')));
    parser.on('partsLimit', () => fail(malformed('too many parts')));
    parser.on('error', (error: unknown) => fail(malformed(`multipart body does not parse: ${error instanceof Error ? error.message : String(error)}`)));
    parser.on('close', () => {
      if (settled) return;
      if (file === undefined || !file.done) return fail(malformed('no file part'));
      settled = true;
      clearTimeout(timer);
      resolve({ content: Buffer.concat(file.chunks), filename: file.filename, kind });
    });
    req.on('aborted', () => fail(malformed('the client closed the connection')));
    req.pipe(parser);
  });
}

function malformed(reason: string): DocumentRefusal {
  return new DocumentRefusal('BAD_USER_INPUT', reason, { message: 'Le formulaire d’envoi est invalide : un seul fichier (champ « file ») et le type de pièce (champ « kind ») sont attendus.' });
}
