import pg from 'pg';
import { createRedis, redisReady, type Redis } from '../lib/redis/index.js';
import { parseRedisInfo, type PostgresCounters, type RedisCounters, type StatementCounter } from './server-costs.js';

/** Reads the scaled stack's PostgreSQL and Redis counters on connections of its own, tagged so they can be told apart. */
export interface CounterReader {
  postgres(): Promise<PostgresCounters>;
  redis(): Promise<RedisCounters>;
  close(): Promise<void>;
}

/** Marks the bench's own statements: pg_stat_statements keeps the comment, and the figures leave them out. */
export const benchStatementTag = 'guichet-bench';

interface StatementRow {
  queryid: string;
  query: string;
  calls: string;
  exec_ms: number;
  rows: string;
  wal_bytes: string;
}

export async function createCounterReader(options: { readonly databaseUrl: string; readonly redisUrl: string; readonly statementStats: boolean }): Promise<CounterReader> {
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: benchStatementTag });
  await client.connect();
  const redis: Redis = createRedis({ url: options.redisUrl, connectionName: benchStatementTag, commandTimeoutMs: 5_000 });
  await redisReady(redis);
  return {
    async postgres() {
      // One transaction: the counters of one instant (pg_stat_* is a snapshot per transaction).
      await client.query(`/* ${benchStatementTag} */ BEGIN ISOLATION LEVEL REPEATABLE READ`);
      try {
        const database = await client.query<{ commits: string; rollbacks: string; written: string; read: string; hit: string; wal: string }>(
          `/* ${benchStatementTag} */ SELECT xact_commit AS commits, xact_rollback AS rollbacks, tup_inserted + tup_updated + tup_deleted AS written,
             blks_read AS read, blks_hit AS hit, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS wal
           FROM pg_stat_database WHERE datname = current_database()`,
        );
        const audit = await client.query<{ seq: string | null }>(
          `/* ${benchStatementTag} */ SELECT CASE WHEN to_regclass('audit_records') IS NULL THEN 0 ELSE (SELECT coalesce(max(seq), 0) FROM audit_records) END AS seq`,
        );
        const statements = options.statementStats
          ? (
              await client.query<StatementRow>(
                `/* ${benchStatementTag} */ SELECT queryid::text AS queryid, query, calls::text AS calls, total_exec_time AS exec_ms, rows::text AS rows, wal_bytes::text AS wal_bytes
                 FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL`,
              )
            ).rows
          : [];
        const row = database.rows[0];
        if (!row) throw new Error('pg_stat_database has no row for the services database');
        return {
          atMs: Date.now(),
          walBytes: Number(row.wal),
          commits: Number(row.commits),
          rollbacks: Number(row.rollbacks),
          rowsWritten: Number(row.written),
          blocksRead: Number(row.read),
          blocksHit: Number(row.hit),
          auditSeq: Number(audit.rows[0]?.seq ?? 0),
          statements: statements
            .filter((s) => !s.query.includes(benchStatementTag))
            .map(
              (s): StatementCounter => ({
                queryId: s.queryid,
                query: s.query.replace(/\s+/g, ' ').trim(),
                calls: Number(s.calls),
                execMs: Number(s.exec_ms),
                rows: Number(s.rows),
                walBytes: Number(s.wal_bytes),
              }),
            ),
        };
      } finally {
        await client.query(`/* ${benchStatementTag} */ COMMIT`);
      }
    },
    async redis() {
      const text = `${String(await redis.call('INFO', 'commandstats'))}\n${String(await redis.call('INFO', 'stats'))}`;
      return parseRedisInfo(text, Date.now());
    },
    async close() {
      redis.disconnect();
      await client.end().catch(() => undefined);
    },
  };
}
