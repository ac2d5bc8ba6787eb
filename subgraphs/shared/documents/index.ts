// Supporting documents on a ministry's filings (docs/documents.md): the checks before filing, the marking, the
// forwarding through the outbox, and the GraphQL types every such ministry shares.
export { DocumentKind } from './document-kind-enum.js';
export { AttachedDocumentInput } from './attached-document-input.js';
export { FiledDocument } from './filed-document.js';
export { checkDocuments, fileDocuments } from './file-documents.js';
export type { DocumentsContext } from './file-documents.js';
export { documentsFiling } from './documents-filing.js';
export type { DocumentsFiling } from './documents-filing.js';
export { forwardDocuments } from './forward-documents.js';
export { filedDocumentsOf } from './filed-documents-of.js';
export { ministryDocuments } from './ministry-documents.js';
