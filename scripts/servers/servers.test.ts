import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis, redisReady } from '../../lib/redis/index.js';
import { startPostgresServer, startRedisServer, type PostgresServer, type RedisServer } from './index.js';

describe('real servers from the distribution', () => {
  let postgres: PostgresServer | undefined;
  let redis: RedisServer | undefined;
  afterAll(async () => {
    await postgres?.destroy();
    await redis?.stop();
  });

  it('PostgreSQL runs unprivileged, keeps its data across a fast shutdown, and serves a created database', async () => {
    postgres = await startPostgresServer();
    const url = await postgres.createDatabase('harness');
    const query = async (sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };
    await query('CREATE TABLE t (v int); INSERT INTO t VALUES (42)');
    expect(await query("SELECT current_setting('is_superuser') AS su, (SELECT usename FROM pg_user WHERE usesysid = 10) AS owner")).toEqual([{ su: 'on', owner: 'guichet' }]);
    await postgres.stop('fast');
    expect(postgres.running()).toBe(false);
    await expect(query('SELECT 1')).rejects.toThrow();
    await postgres.start();
    expect(await query('SELECT v FROM t')).toEqual([{ v: 42 }]);
  });

  it('Redis answers, loses everything on restart (no persistence), and a fail-fast client recovers by itself', async () => {
    redis = await startRedisServer();
    const client = createRedis({ url: redis.url, connectionName: 'harness-test' });
    try {
      await redisReady(client);
      await client.set('k', 'v');
      expect(await client.get('k')).toBe('v');
      await redis.stop('kill');
      await expect(client.get('k')).rejects.toThrow();
      await redis.start();
      await expect.poll(() => client.get('k').catch(() => 'error'), { timeout: 10_000 }).toBeNull();
    } finally {
      client.disconnect();
    }
  });
});
