// The checks an uploaded document passes before anything is stored (docs/documents.md).
export { DocumentRefusal, type DocumentRefusalCode } from './document-refusal.js';
export { checkFilename } from './check-filename.js';
export { checkPdf, pdfNameText } from './check-pdf.js';
export { reencodeImage } from './reencode-image.js';
export { inspectDocument, type InspectedDocument } from './inspect-document.js';
