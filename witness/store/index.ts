// Where the witness keeps what it signed: the interface, the SQLite store (default), PostgreSQL (its own database,
// `DATABASE_URL` of the witness) and one in memory (tests).
export { CheckpointConflictError, type CheckpointAlarm, type CheckpointStore, type PublicKeyRecord, type WitnessedCheckpoint } from './checkpoint-store.js';
export { createMemoryCheckpointStore } from './memory-checkpoint-store.js';
export { createSqliteCheckpointStore, sqliteCheckpointSchemaVersion, type SqliteCheckpointStoreOptions } from './sqlite-checkpoint-store.js';
export { createPostgresCheckpointStore, type PostgresCheckpointStoreOptions } from './postgres-checkpoint-store.js';
export { witnessPostgresComponent, witnessPostgresMigrations } from './postgres-checkpoint-migrations.js';
