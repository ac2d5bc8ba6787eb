export { createMinesAdapter } from './create-mines-adapter.js';
export { minesAdapterEnvSchema, minesAdapterOptionsFromEnv } from './options.js';
export type { MinesAdapterOptions, MinesAdapterEnv } from './options.js';
export type { MinesAdapter, EnergyMinesApplicationRecord, EnergyMinesApplicationInput } from './types.js';
export { minesProcedures, isProcedureOfMines, procedureOfCode } from './procedures.js';
export { mineralSubstances } from './substances.js';
export type { MineralSubstance } from './substances.js';
export type { MinesProcedure } from './procedures.js';
export { adapterKit } from './adapter-kit.js';
