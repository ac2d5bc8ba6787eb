export { startElectricitySubgraph } from './start-electricity-subgraph.js';
export { readElectricityConfig, ELECTRICITY_DEFAULT_PORT } from './config.js';
export type { ElectricityConfig } from './config.js';
export { buildElectricitySchema } from './build-electricity-schema.js';
/** The subgraph's schema, under the name every ministry subgraph exports it (subgraphs/index.ts finds it by the registry). */
export { buildElectricitySchema as buildSchema } from './build-electricity-schema.js';
