export { startCeetSimulator } from './start-ceet-simulator.js';
export type { CeetSimulator } from './start-ceet-simulator.js';
export { ceetSimulatorEnvSchema, readCeetSimulatorConfig } from './config.js';
export type { CeetSimulatorConfig } from './config.js';
export { CeetOperation } from './ceet-operations.js';
export { formatHorodatage, formatMontant, parseHorodatage } from './ceet-format.js';
export type { Demande, EtapeHistorique } from './demande.js';
export { seededApplicants } from './seeded-applicants.js';
