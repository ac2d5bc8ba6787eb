import { auditPostgresComponent, auditPostgresMigrations } from '../audit/index.js';
import { documentsPostgresComponent, documentsPostgresMigrations } from '../documents/index.js';
import { requestRecordsPostgresComponent, requestRecordsPostgresMigrations } from '../gateway/request-records/index.js';
import { createPgPool, migratePostgres } from '../lib/postgres/index.js';
import { ministryPostgresMigrations } from '../subgraphs/shared/ministry/index.js';
import { supervisionPostgresComponent, supervisionPostgresMigrations } from '../subgraphs/supervision/index.js';
import { webhooksPostgresComponent, webhooksPostgresMigrations } from '../subgraphs/webhooks/index.js';
import { witnessPostgresComponent, witnessPostgresMigrations } from '../witness/index.js';

/** Every component's tables in the services' database (`DATABASE_URL`), in the order the services would apply them. */
export const serviceMigrations: readonly { readonly component: string; readonly migrations: readonly string[] }[] = [
  ...ministryPostgresMigrations,
  { component: auditPostgresComponent, migrations: auditPostgresMigrations },
  { component: requestRecordsPostgresComponent, migrations: requestRecordsPostgresMigrations },
  { component: supervisionPostgresComponent, migrations: supervisionPostgresMigrations },
  { component: webhooksPostgresComponent, migrations: webhooksPostgresMigrations },
  { component: documentsPostgresComponent, migrations: documentsPostgresMigrations },
];

/** The witness's own database (`WITNESS_DATABASE_URL` here): the trail's writers never reach it. */
export const witnessMigrations = [{ component: witnessPostgresComponent, migrations: witnessPostgresMigrations }] as const;

/**
 * `npm run db:migrate`: applies the versioned migrations that every service also applies at start-up, for an
 * operator who migrates before a rollout (a Kubernetes Job, a release step). `DATABASE_URL` for the services'
 * database, `WITNESS_DATABASE_URL` for the witness's; at least one. Exit 0 migrated, 1 failed, 2 nothing to do.
 */
async function main(): Promise<number> {
  const targets = [
    { url: process.env.DATABASE_URL, steps: serviceMigrations, name: 'services' },
    { url: process.env.WITNESS_DATABASE_URL, steps: witnessMigrations, name: 'witness' },
  ].filter((t): t is typeof t & { url: string } => typeof t.url === 'string' && t.url.length > 0);
  if (targets.length === 0) {
    process.stderr.write('db:migrate: set DATABASE_URL (the services’ database) and/or WITNESS_DATABASE_URL (the witness’s)\n');
    return 2;
  }
  for (const target of targets) {
    const pool = createPgPool({ url: target.url, applicationName: 'guichet-db-migrate', max: 1 });
    try {
      for (const step of target.steps) {
        const { from, to } = await migratePostgres(pool, step.component, step.migrations);
        process.stdout.write(`db:migrate ${target.name}: ${step.component} ${from === to ? `at version ${to}` : `${from} → ${to}`}\n`);
      }
    } catch (error) {
      process.stderr.write(`db:migrate ${target.name}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    } finally {
      await pool.end();
    }
  }
  return 0;
}

process.exit(await main());
