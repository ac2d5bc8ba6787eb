export { buildingPermits } from './ministry.js';
/** The subgraph's schema, under the name every ministry subgraph exports it (subgraphs/index.ts finds it by the registry). */
export { buildBuildingPermitsSchema as buildSchema } from './build-building-permits-schema.js';
