export { startCivilRegistrySubgraph } from './start-civil-registry-subgraph.js';
export { readCivilRegistryConfig, CIVIL_REGISTRY_DEFAULT_PORT } from './config.js';
export type { CivilRegistryConfig } from './config.js';
export { buildCivilRegistrySchema } from './build-civil-registry-schema.js';
/** The subgraph's schema, under the name every ministry subgraph exports it (subgraphs/index.ts finds it by the registry). */
export { buildCivilRegistrySchema as buildSchema } from './build-civil-registry-schema.js';
