import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createPgPool, type PgPool } from '../../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../../scripts/servers/index.js';
import { createMemoryReadModelStore, createSqliteReadModelStore, openPostgresReadModelStore } from '../store/index.js';
import { describeDossierEventLogContract } from './test-support/dossier-event-log-contract.js';

describeDossierEventLogContract('memory', { open: () => createMemoryReadModelStore() });

describeDossierEventLogContract('sqlite', {
  open: () => createSqliteReadModelStore({ path: join(mkdtempSync(join(tmpdir(), 'guichet-events-')), 'read-model.sqlite'), sources: 's' }),
});

let server: PostgresServer | undefined;
const pools: PgPool[] = [];
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server?.destroy();
});

describeDossierEventLogContract('postgres', {
  open: async () => {
    if (!server) throw new Error('PostgreSQL not started');
    const pool = createPgPool({ url: await server.createDatabase(`events_${pools.length + 1}`), applicationName: 'supervision-events-test', max: 4 });
    pools.push(pool);
    return openPostgresReadModelStore({ pool, sources: 's' });
  },
});
