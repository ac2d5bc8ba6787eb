export { startElectricitySubgraph } from './start-electricity-subgraph.js';
export { readElectricityConfig, ELECTRICITY_DEFAULT_PORT } from './config.js';
export type { ElectricityConfig } from './config.js';
export { buildElectricitySchema } from './build-electricity-schema.js';
