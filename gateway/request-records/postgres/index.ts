// Operational records in PostgreSQL (`DATABASE_URL`): shared by every gateway replica, pruned past retention.
export { createPostgresRecordStore, type PostgresRecordStoreOptions } from './postgres-record-store.js';
export { requestRecordsPostgresComponent, requestRecordsPostgresMigrations } from './request-records-postgres-migrations.js';
