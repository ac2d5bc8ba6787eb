// The read model of the supervision room: pure, in memory, fed with dossier facts; no I/O here.
export { createReadModel } from './read-model.js';
export type { ReadModel, ReadModelOptions, ApplyResult } from './read-model.js';
export { factOf, decisionStatuses } from './dossier-fact.js';
export type { DossierFact } from './dossier-fact.js';
export { MAX_PERIOD_DAYS, previousPeriodOf } from './compute-overview.js';
export type { Overview, OverviewQuery, DayCount } from './compute-overview.js';
export { DAY_MS } from './processing-figures.js';
export type { ProcessingFigures, StatusCount } from './processing-figures.js';
