export type { ReadModelStore, StoredReadModel } from './read-model-store.js';
export { createMemoryReadModelStore } from './memory-read-model-store.js';
export { createSqliteReadModelStore } from './sqlite-read-model-store.js';
export type { SqliteReadModelStoreOptions } from './sqlite-read-model-store.js';
export { openPostgresReadModelStore } from './postgres-read-model-store.js';
export type { PostgresReadModelStore, PostgresReadModelStoreOptions, ReadModelChanges, StoredFeed } from './postgres-read-model-store.js';
export { supervisionPostgresComponent, supervisionPostgresMigrations } from './supervision-postgres-migrations.js';
export { NotLeaderError } from './not-leader-error.js';
export { trackedReadModelStore } from './tracked-read-model-store.js';
