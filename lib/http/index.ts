export { listen, closeServer } from './listen.js';
export { readBody, BodyTooLargeError } from './read-body.js';
export { createRequestListener, sendJson } from './router.js';
export type { RouteHandler, Routes } from './router.js';
