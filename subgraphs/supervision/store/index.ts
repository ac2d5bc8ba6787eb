export type { ReadModelStore, StoredReadModel } from './read-model-store.js';
export { createMemoryReadModelStore } from './memory-read-model-store.js';
export { createSqliteReadModelStore } from './sqlite-read-model-store.js';
export type { SqliteReadModelStoreOptions } from './sqlite-read-model-store.js';
