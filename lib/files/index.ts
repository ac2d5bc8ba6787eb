export { readIfExists, createSecretFileOnce } from './secret-file.js';
