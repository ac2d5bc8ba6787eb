import type pg from 'pg';

/**
 * Brings one component's tables (`outbox`, `audit`, `supervision`…) up to the last of `migrations`, each applied
 * once, in order, in its own transaction, recorded in `guichet_migrations`. A transaction-level advisory lock
 * serialises replicas starting together; a database written by a newer Guichet is refused rather than guessed at.
 * Runs at start-up (every store calls it before its first use) or from `npm run db:migrate`.
 */
export async function migratePostgres(pool: pg.Pool, component: string, migrations: readonly string[]): Promise<{ readonly from: number; readonly to: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`guichet-migrations:${component}`]);
    await client.query(`CREATE TABLE IF NOT EXISTS guichet_migrations (
      component text NOT NULL,
      version integer NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM guichet_migrations WHERE component = $1', [component]);
    const current = rows[0]?.version ?? 0;
    if (current > migrations.length) throw new Error(`${component} tables are at schema version ${current}, newer than this code (${migrations.length})`);
    for (let version = current; version < migrations.length; version += 1) {
      await client.query(migrations[version] ?? '');
      await client.query('INSERT INTO guichet_migrations (component, version) VALUES ($1, $2)', [component, version + 1]);
    }
    await client.query('COMMIT');
    return { from: current, to: migrations.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
