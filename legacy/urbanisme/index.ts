export { startUrbanismeSimulator } from './start-urbanisme-simulator.js';
export type { UrbanismeSimulator } from './start-urbanisme-simulator.js';
export { readUrbanismeConfig, urbanismeEnvSchema } from './config.js';
export type { UrbanismeSimulatorConfig } from './config.js';
export type { DossierUrbanisme } from './legacy-dossier.js';
export type { CodeErreur } from './replies.js';
export { seededApplicants } from './seeded-applicants.js';
