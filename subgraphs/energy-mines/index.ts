export { startEnergyMinesSubgraph } from './start-energy-mines-subgraph.js';
export { readEnergyMinesConfig, ENERGY_MINES_DEFAULT_PORT } from './config.js';
export type { EnergyMinesConfig } from './config.js';
export { buildEnergyMinesSchema } from './build-energy-mines-schema.js';
/** The subgraph's schema, under the name every ministry subgraph exports it (subgraphs/index.ts finds it by the registry). */
export { buildEnergyMinesSchema as buildSchema } from './build-energy-mines-schema.js';
