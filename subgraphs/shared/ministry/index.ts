export { defineMinistrySubgraph } from './ministry-subgraph.js';
export type { MinistrySubgraph, MinistryRecord, OwnEnv } from './ministry-subgraph.js';
export type { MinistryContext, InputOf } from './ministry-context.js';
export { startMinistrySubgraph } from './start-ministry-subgraph.js';
export { runMinistrySubgraph } from './run-ministry-subgraph.js';
export { readMinistrySubgraphConfig } from './read-ministry-subgraph-config.js';
export type { MinistrySubgraphConfig } from './read-ministry-subgraph-config.js';
export { buildMinistrySchema } from './build-ministry-schema.js';
export type { MinistrySchemaOptions } from './build-ministry-schema.js';
