import { EncryptedPDFError, PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from 'pdf-lib';
import { DocumentRefusal } from './document-refusal.js';

/**
 * Keys that make a PDF act on its own when opened or clicked: scripts (`/JS`, `/JavaScript`), actions run on opening
 * or on events (`/OpenAction`, `/AA`), launching programs (`/Launch`), files carried inside (`/EmbeddedFile`,
 * `/EmbeddedFiles`), and forms that submit or import data or run XFA scripts (`/SubmitForm`, `/ImportData`, `/XFA`,
 * `/RichMedia`). A supporting document needs none of them.
 */
const activeKeys = new Set(['JS', 'JavaScript', 'OpenAction', 'AA', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'SubmitForm', 'ImportData', 'XFA', 'RichMedia']);

/**
 * Parses the whole PDF with pdf-lib (object streams included: it decompresses them into the same object table) and
 * walks every object, refusing one that carries active content or cannot be parsed, and any encrypted PDF (its
 * objects could not be inspected).
 */
export async function checkPdf(bytes: Uint8Array): Promise<void> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false });
  } catch (error) {
    if (error instanceof EncryptedPDFError) throw new DocumentRefusal('DOCUMENT_ACTIVE_CONTENT', 'encrypted PDF');
    throw new DocumentRefusal('DOCUMENT_UNREADABLE', `PDF does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { Root: root } = document.context.trailerInfo;
  const roots: PDFObject[] = [...(root === undefined ? [] : [root]), ...document.context.enumerateIndirectObjects().map(([, object]) => object)];
  for (const root of roots) {
    const found = findActiveKey(root);
    if (found !== undefined) throw new DocumentRefusal('DOCUMENT_ACTIVE_CONTENT', `PDF carries /${found}`);
  }
  if (document.getPageCount() === 0) throw new DocumentRefusal('DOCUMENT_UNREADABLE', 'PDF without pages');
}

/** The first active key in a direct object (dictionaries and arrays nest; references are other table entries). */
function findActiveKey(object: PDFObject): string | undefined {
  const dict = object instanceof PDFStream ? object.dict : object;
  if (dict instanceof PDFDict) {
    for (const [key, value] of dict.entries()) {
      const name = pdfNameText(key);
      if (activeKeys.has(name)) return name;
      // An action dictionary names its type in /S: a JavaScript or Launch action is active wherever it hangs.
      if (name === 'S' && value instanceof PDFName && activeKeys.has(pdfNameText(value))) return pdfNameText(value);
      const nested = findActiveKey(value);
      if (nested !== undefined) return nested;
    }
  } else if (dict instanceof PDFArray) {
    for (const item of dict.asArray()) {
      const nested = findActiveKey(item);
      if (nested !== undefined) return nested;
    }
  }
  return undefined;
}

/**
 * A name as a reader sees it. pdf-lib's parser decodes `#xx` escapes only in upper-case hex (`/J#53` is `JS` to it,
 * `/#4a#53` is `#4aS`); a reader decodes both, so the rest is decoded here. A name holding an escaped `#` followed by
 * two hex digits is decoded twice by this — a false alarm at worst, on a name no honest document uses.
 */
export function pdfNameText(name: PDFName): string {
  return name.decodeText().replace(/#([\da-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
