export { electricity } from './ministry.js';
/** The subgraph's schema, under the name every ministry subgraph exports it (subgraphs/index.ts finds it by the registry). */
export { buildElectricitySchema as buildSchema } from './build-electricity-schema.js';
