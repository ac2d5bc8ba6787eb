import { afterAll, beforeAll } from 'vitest';
import { createPgPool, migratePostgres, type PgPool } from '../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../scripts/servers/index.js';
import { describeDocumentStoreContract } from '../test-support/document-store-contract.js';
import { documentsPostgresComponent, documentsPostgresMigrations } from './postgres-document-migrations.js';
import { createPostgresDocumentStore } from './postgres-document-store.js';

let server: PostgresServer;
const pools: PgPool[] = [];
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
  await server?.destroy();
});

let databases = 0;
async function freshPool(): Promise<PgPool> {
  const url = await server.createDatabase(`documents_${(databases += 1)}`);
  const pool = createPgPool({ url, applicationName: 'documents-test', max: 4, connectionTimeoutMs: 2_000 });
  pools.push(pool);
  await migratePostgres(pool, documentsPostgresComponent, documentsPostgresMigrations);
  return pool;
}

describeDocumentStoreContract('PostgreSQL store', async (clock) => createPostgresDocumentStore({ pool: await freshPool(), clock: clock.now }));
