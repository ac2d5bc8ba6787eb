export { listen, closeServer } from './listen.js';
export { readBody, BodyTooLargeError } from './read-body.js';
export { createRequestListener, sendJson } from './router.js';
export type { RouteHandler, Routes } from './router.js';
export { negotiateEncoding, type ContentCoding } from './negotiate-encoding.js';
export { compressBody, defaultCompression, type CompressionOptions } from './compression.js';
export { entityTagOf, ifNoneMatchHits } from './entity-tag.js';
export { sendRepresentation, type RepresentationOptions } from './send-representation.js';
export { withVary } from './vary.js';
