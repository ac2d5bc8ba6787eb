export { listen, closeServer } from './listen.js';
export { readBody, BodyTooLargeError } from './read-body.js';
