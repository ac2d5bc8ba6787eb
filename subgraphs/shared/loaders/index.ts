export { batchLoader, listLoader } from './batch-loader.js';
export { dossierLoaders } from './dossier-loaders.js';
export type { DossierLoaders, DossierLoadersOptions, LoadedDossier } from './dossier-loaders.js';
export * from './ttl-cache/index.js';
