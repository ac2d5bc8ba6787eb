import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { allowedMediaTypesOfKind, isDocumentMediaType, type DocumentKind, type DocumentMediaType } from '../../schema/index.js';
import { checkPdf } from './check-pdf.js';
import { DocumentRefusal } from './document-refusal.js';
import { reencodeImage } from './reencode-image.js';

/** A document that passed every check: the bytes to store (re-encoded for an image) and what they are. */
export interface InspectedDocument {
  readonly bytes: Buffer;
  readonly mediaType: DocumentMediaType;
  readonly sha256: string;
  readonly size: number;
}

/**
 * The checks of an upload's content, in order: its real type from its bytes (file-type's magic numbers, never the name
 * nor the part's `Content-Type`), that type allowed for the kind, then per type: a PDF without active content, an
 * image decoded and re-encoded. The sha256 and size are of what will be stored.
 */
export async function inspectDocument(kind: DocumentKind, content: Buffer): Promise<InspectedDocument> {
  const allowed = allowedMediaTypesOfKind[kind];
  const sniffed = (await fileTypeFromBuffer(content))?.mime;
  if (sniffed === undefined || !isDocumentMediaType(sniffed) || !allowed.includes(sniffed)) {
    throw new DocumentRefusal('DOCUMENT_TYPE_NOT_ALLOWED', `sniffed ${sniffed ?? 'unknown type'} for ${kind}`, {
      message: `Ce type de fichier n’est pas accepté pour cette pièce (formats acceptés : ${allowed.map(label).join(', ')}).`,
      details: { allowed, ...(sniffed === undefined ? {} : { detected: sniffed }) },
    });
  }
  let bytes = content;
  if (sniffed === 'application/pdf') await checkPdf(content);
  else bytes = await reencodeImage(content, sniffed);
  return { bytes, mediaType: sniffed, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

function label(mediaType: DocumentMediaType): string {
  return mediaType === 'application/pdf' ? 'PDF' : mediaType === 'image/jpeg' ? 'JPEG' : 'PNG';
}
