import pg from 'pg';

export interface PgPoolOptions {
  /** `postgres://user:password@host:port/database` (`DATABASE_URL`). */
  readonly url: string;
  /** Shown in `pg_stat_activity` (`guichet-gateway`, `guichet-electricity`…). */
  readonly applicationName: string;
  /** Connections at most. Default 10. */
  readonly max?: number;
  /** How long to wait for a connection (to the server, or a free one in the pool). Default 5000 ms. */
  readonly connectionTimeoutMs?: number;
  /** Any statement longer than this is cancelled by the server. Default 15000 ms. */
  readonly statementTimeoutMs?: number;
  /** Told when an idle connection fails (the server restarted): the pool drops it and opens another on next use. */
  readonly onError?: (error: Error) => void;
}

/**
 * A pool of connections to one PostgreSQL database. Bounded waits everywhere (connect, statement): a store that
 * cannot reach its server answers with an error in bounded time, never a hang. Connections broken by a server
 * restart are dropped and replaced on next use, so the pool recovers by itself.
 */
export function createPgPool({ url, applicationName, max = 10, connectionTimeoutMs = 5_000, statementTimeoutMs = 15_000, onError = () => undefined }: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: applicationName,
    max,
    connectionTimeoutMillis: connectionTimeoutMs,
    statement_timeout: statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  pool.on('error', onError);
  // A connection checked out (a transaction in progress) when the server goes away emits 'error' on its client, not
  // on the pool: unheard, that ends the process. The query in progress rejects anyway; the broken client is released.
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
  return pool;
}

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;
