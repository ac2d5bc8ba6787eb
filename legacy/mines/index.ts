export { startMinesSimulator } from './start-mines-simulator.js';
export type { MinesSimulator } from './start-mines-simulator.js';
export { readMinesConfig, minesEnvSchema } from './config.js';
export type { MinesSimulatorConfig } from './config.js';
export { seedMinesDossiers, seededApplicants } from './seed-dossiers.js';
export type { DossierMines, EtapeMines } from './legacy-dossier.js';
export { codesEtat, libellesEtat, type CodeEtat } from './states.js';
export { proceduresLegacy, type ProcedureLegacy } from './procedures.js';
