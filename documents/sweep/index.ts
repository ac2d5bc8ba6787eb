export { startDocumentSweep, sweepUnreferencedDocuments, type DocumentSweepOptions } from './sweep-unreferenced-documents.js';
