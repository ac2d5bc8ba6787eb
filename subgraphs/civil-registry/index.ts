export { civilRegistry } from './ministry.js';
/** The subgraph's schema, under the name every ministry subgraph exports it (subgraphs/index.ts finds it by the registry). */
export { buildCivilRegistrySchema as buildSchema } from './build-civil-registry-schema.js';
