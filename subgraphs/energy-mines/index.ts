export { startEnergyMinesSubgraph } from './start-energy-mines-subgraph.js';
export { readEnergyMinesConfig, ENERGY_MINES_DEFAULT_PORT } from './config.js';
export type { EnergyMinesConfig } from './config.js';
export { buildEnergyMinesSchema } from './build-energy-mines-schema.js';
