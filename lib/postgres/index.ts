// PostgreSQL for the scaled deployment (`DATABASE_URL`): one pool per process, versioned migrations per component.
export { createPgPool, type PgClient, type PgPool, type PgPoolOptions } from './create-pg-pool.js';
export { migratePostgres } from './migrate-postgres.js';
export { withTransaction } from './with-transaction.js';
