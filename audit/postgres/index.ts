// The trail in PostgreSQL (`DATABASE_URL`): one chain for every gateway replica, same records and checks as the file.
export { auditPostgresComponent, auditPostgresMigrations } from './postgres-audit-migrations.js';
export { createPostgresAuditStore, KeyringBehindError, type PostgresAuditStore, type PostgresAuditStoreOptions } from './postgres-audit-store.js';
