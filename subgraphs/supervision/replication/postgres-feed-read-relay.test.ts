import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedRead } from '../../../events/index.js';
import { createLogger } from '../../../lib/log/index.js';
import { createPgPool, type PgPool } from '../../../lib/postgres/index.js';
import { startPostgresServer, type PostgresServer } from '../../../scripts/servers/index.js';
import { createFeedFreshness } from '../../shared/freshness/index.js';
import { createPostgresFeedReadRelay, FEED_READS_CHANNEL, splitFeedRead, type FeedReadRelay } from './postgres-feed-read-relay.js';

const log = createLogger('feed-read-relay-test', 'silent');
const references = (n: number) => Array.from({ length: n }, (_, i) => `CEET-2026-${String(i).padStart(6, '0')}`);
const read = (refs: string[], sinceMs = 1_000, readMs = 5_000, owners: string[] = []): FeedRead => ({ system: 'ceet', sinceMs, readMs, references: refs, owners });
const nius = (n: number) => Array.from({ length: n }, (_, i) => String(100_000_000_000 + i));

describe('splitFeedRead', () => {
  it('keeps a small read whole', () => {
    expect(splitFeedRead(read(references(3)), 7_500)).toEqual([read(references(3))]);
  });

  it('splits a large one into parts under the limit: every reference once, in order, the whole interval on the last part only', () => {
    const whole = read(references(1_000));
    const parts = splitFeedRead(whole, 2_000);
    expect(parts.length).toBeGreaterThanOrEqual(10);
    for (const part of parts) expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThanOrEqual(2_000);
    expect(parts.flatMap((p) => p.references)).toEqual(whole.references);
    expect(parts.slice(0, -1).every((p) => p.sinceMs === 1_000 && p.readMs === 1_000)).toBe(true);
    expect(parts.at(-1)).toMatchObject({ sinceMs: 1_000, readMs: 5_000 });
  });

  it('splits the owners too: every owner once, every part under the limit', () => {
    const whole = read(references(600), 1_000, 5_000, nius(600));
    const parts = splitFeedRead(whole, 2_000);
    for (const part of parts) expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThanOrEqual(2_000);
    expect(parts.flatMap((p) => p.references)).toEqual(whole.references);
    expect(parts.flatMap((p) => p.owners)).toEqual(whole.owners);
    expect(parts.slice(0, -1).every((p) => p.readMs === 1_000)).toBe(true);
  });

  it('applied in order, the parts leave the freshness rule where the whole read does', () => {
    const apply = (reads: FeedRead[]) => {
      let now = 2_000;
      const f = createFeedFreshness<{ reference: string }>({ system: 'ceet', maxEntries: 2_000, maxAgeMs: 10_000, clockSkewMs: 0, clock: () => now });
      const all = references(1_200);
      f.finish(f.begin(all), new Map(all.map((reference) => [reference, { reference }])));
      for (const r of reads) f.onFeedRead(r);
      now = 5_000;
      return all.filter((reference) => f.serve(reference) !== undefined);
    };
    const whole = read(references(1_200).filter((_, i) => i % 3 === 0));
    const served = apply([whole]);
    expect(served).toHaveLength(800);
    expect(apply(splitFeedRead(whole, 1_500))).toEqual(served);
  });
});

describe('createPostgresFeedReadRelay (real PostgreSQL)', () => {
  let server: PostgresServer;
  const pools: PgPool[] = [];
  const relays: FeedReadRelay[] = [];
  beforeAll(async () => {
    server = await startPostgresServer();
  }, 120_000);
  afterAll(async () => {
    await Promise.all(relays.map((r) => r.close()));
    await Promise.all(pools.map((p) => p.end()));
    await server?.destroy();
  });
  const replica = (url: string) => {
    const pool = createPgPool({ url, applicationName: 'feed-read-relay-test', max: 3 });
    pools.push(pool);
    const received: FeedRead[] = [];
    const relay = createPostgresFeedReadRelay({ pool, log, onRead: (r) => received.push(r), reconnectDelayMs: 50 });
    relays.push(relay);
    return { pool, relay, received };
  };
  const listeners = (pool: PgPool) => pool.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'LISTEN ${FEED_READS_CHANNEL}'`).then((r) => Number(r.rows[0]?.n));

  it('delivers the leader’s reads to every replica in order, a large one in parts, and listens again after losing its connection', async () => {
    const url = await server.createDatabase('relay');
    const leader = replica(url);
    const follower = replica(url);
    await expect.poll(() => listeners(leader.pool), { timeout: 10_000 }).toBe(2);
    const large = read(references(2_000), 2_000, 6_000);
    await leader.relay.publish(read(['CEET-2026-000001']));
    await leader.relay.publish(large);
    const parts = splitFeedRead(large, 7_500);
    expect(parts.length).toBeGreaterThan(1);
    await expect.poll(() => follower.received.length, { timeout: 10_000 }).toBe(1 + parts.length);
    expect(follower.received).toEqual([read(['CEET-2026-000001']), ...parts]);
    // The leader hears its own reads on its own listening connection, which may come after the follower's.
    await expect.poll(() => leader.received.length, { timeout: 10_000 }).toBe(1 + parts.length);
    expect(leader.received).toEqual(follower.received);

    // The follower's listening connection is killed (a database restart, a proxy): it listens again by itself.
    await leader.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN ${FEED_READS_CHANNEL}' AND pid <> pg_backend_pid()`);
    await expect.poll(() => listeners(leader.pool), { timeout: 10_000 }).toBe(2);
    const later = read(['CEET-2026-000002'], 6_000, 8_000);
    await leader.relay.publish(later);
    await expect.poll(() => follower.received.at(-1), { timeout: 10_000 }).toEqual(later);
  }, 60_000);
});
