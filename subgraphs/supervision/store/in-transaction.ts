import type { PgClient, PgPool } from '../../../lib/postgres/index.js';

const ignore = () => undefined;
const guarded = new WeakSet<object>();

/**
 * node-postgres emits `error` on a connection when the server goes away (a restart, a fast shutdown); on a
 * connection out of the pool, or one the pool is closing, nobody listens, and the event is an uncaught exception
 * that ends the process. The statement in flight fails anyway, so the error reaches its caller: the event itself
 * can be ignored. Call once per pool (every connection it opens); the pool's own handling of idle connections stays.
 */
export function guardPoolConnections(pool: PgPool): void {
  pool.on('connect', (client) => guard(client));
}

function guard(client: PgClient): void {
  if (guarded.has(client)) return;
  guarded.add(client);
  client.on('error', ignore);
}

/**
 * `withTransaction` of lib/postgres, with the connection guarded as above (whatever pool it comes from): a broken
 * connection is destroyed, not given back.
 */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  guard(client);
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
