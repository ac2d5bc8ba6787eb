export { startBuildingPermitsSubgraph } from './start-building-permits-subgraph.js';
export { readBuildingPermitsConfig, BUILDING_PERMITS_DEFAULT_PORT } from './config.js';
export type { BuildingPermitsConfig } from './config.js';
export { buildBuildingPermitsSchema } from './build-building-permits-schema.js';
/** The subgraph's schema, under the name every ministry subgraph exports it (subgraphs/index.ts finds it by the registry). */
export { buildBuildingPermitsSchema as buildSchema } from './build-building-permits-schema.js';
