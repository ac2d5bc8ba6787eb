export { energyMines } from './ministry.js';
/** The subgraph's schema, under the name every ministry subgraph exports it (subgraphs/index.ts finds it by the registry). */
export { buildEnergyMinesSchema as buildSchema } from './build-energy-mines-schema.js';
