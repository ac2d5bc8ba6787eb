export { startDossiersSubgraph } from './start-dossiers-subgraph.js';
export { readDossiersConfig, DOSSIERS_DEFAULT_PORT } from './config.js';
export type { DossiersConfig } from './config.js';
export { buildDossiersSchema } from './build-dossiers-schema.js';
export { ministryDossierTypes } from './ministry-dossier-types.js';
