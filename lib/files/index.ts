export { readIfExists, createSecretFileOnce } from './secret-file.js';
export { dataPath, packagePath, packageRoot } from './data-path.js';
