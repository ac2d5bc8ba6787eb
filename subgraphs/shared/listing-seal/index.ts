export { createListingSeal, referenceOfLookup } from './listing-seal.js';
export type { ListingSeal, ListingSealOptions, Opened, SealBinding, SealRefusal } from './listing-seal.js';
export { listingSealEnvSchema, listingSealConfigFromEnv } from './listing-seal-config.js';
export type { ListingSealConfig } from './listing-seal-config.js';
export { countedListingSeal } from './counted-listing-seal.js';
export type { CountedListingSeal } from './counted-listing-seal.js';
