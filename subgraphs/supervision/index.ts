export { startSupervisionSubgraph } from './start-supervision-subgraph.js';
export { readSupervisionConfig, SUPERVISION_DEFAULT_PORT } from './config.js';
export type { SupervisionConfig } from './config.js';
export { loadFeedSources } from './ingestion/index.js';
export { buildSupervisionSchema } from './build-supervision-schema.js';
export { createReadModel } from './read-model/index.js';
export type { ReadModel, Overview, OverviewQuery, ProcessingFigures } from './read-model/index.js';
export { supervisionPostgresComponent, supervisionPostgresMigrations } from './store/index.js';
