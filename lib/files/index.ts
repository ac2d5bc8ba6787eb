export { readIfExists, createSecretFileOnce } from './secret-file.js';
export { dataPath } from './data-path.js';
