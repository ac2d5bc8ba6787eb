import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { redisAttempt, type Redis } from '../../../lib/redis/index.js';
import type { StoreHealth } from '../../../lib/store-health/index.js';
import type { PrincipalStreams, StreamClaim } from './principal-streams.js';
import { claimScript, renewScript, scriptSha } from './stream-lease-scripts.js';

export interface RedisPrincipalStreamsOptions {
  readonly redis: Redis;
  /**
   * How long a stream counts without being renewed (renewed every third of it while open): the streams of a replica
   * that died stop counting within this.
   */
  readonly leaseMs: number;
  /** Put before every principal's key. Default `guichet:subscriptions:streams:`. */
  readonly keyPrefix?: string;
  /** This replica's name in the members it writes (`<replica>:<n>`). Default host, pid and a random suffix. */
  readonly replicaId?: string;
  readonly health: StoreHealth;
  /** Counts one round trip to Redis (`guichet_redis_commands_total{store="subscriptions"}`). */
  readonly onCommand?: () => void;
}

const claimSha = scriptSha(claimScript);
const renewSha = scriptSha(renewScript);

/**
 * A principal's open subscriptions counted across every gateway replica: one sorted set per principal
 * (`<prefix><principal>`), one member per open stream, scored by its lease's end (Redis time). A claim is one
 * `EVALSHA` (check and add, atomic), a close one `ZREM`, and each replica renews its own streams every third of a
 * lease, one `EVALSHA` per principal it serves — so a crashed replica's streams stop counting within a lease.
 *
 * While Redis cannot be reached, each replica counts alone (its own streams, the same cap): a citizen may then hold
 * the cap on every replica, but no one is refused push because a counter is missing. When Redis is back, the next
 * renewal writes every open stream back; streams over the cap then are not cut, new ones are refused until under.
 */
export function createRedisPrincipalStreams({
  redis,
  leaseMs,
  keyPrefix = 'guichet:subscriptions:streams:',
  replicaId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  health,
  onCommand = () => undefined,
}: RedisPrincipalStreamsOptions): PrincipalStreams {
  const attempt = redisAttempt(redis, health, onCommand);
  // Every stream this replica holds, by principal: what it renews, and its count while Redis is away.
  const held = new Map<string, Set<string>>();
  const pending = new Set<Promise<unknown>>();
  let sequence = 0;

  const run = async (script: string, sha: string, key: string, args: readonly (string | number)[]): Promise<unknown> => {
    try {
      return await redis.evalsha(sha, 1, key, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      // A fresh or restarted Redis: EVAL loads the script for the next EVALSHA.
      onCommand();
      return redis.eval(script, 1, key, ...args);
    }
  };
  const track = (promise: Promise<unknown>) => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  };
  const forget = (principal: string, member: string) => {
    const members = held.get(principal);
    members?.delete(member);
    if (members?.size === 0) held.delete(principal);
    track(attempt(() => redis.zrem(`${keyPrefix}${principal}`, member)));
  };

  const renew = () => {
    for (const [principal, members] of held) track(attempt(() => run(renewScript, renewSha, `${keyPrefix}${principal}`, [leaseMs, ...members])));
  };
  const timer = setInterval(renew, Math.max(100, Math.floor(leaseMs / 3)));
  timer.unref();

  return {
    async claim(principal, max) {
      const member = `${replicaId}:${++sequence}`;
      const key = `${keyPrefix}${principal}`;
      const reply = await attempt(() => run(claimScript, claimSha, key, [member, max, leaseMs]));
      if (reply === 0) return undefined;
      if (reply === undefined) {
        // Redis unreachable: this replica's own count decides. The claim may have reached Redis before its answer
        // was lost: a refusal takes it back rather than leave it counting for a lease.
        const ownCount = held.get(principal)?.size ?? 0;
        if (ownCount >= max) {
          track(attempt(() => redis.zrem(key, member)));
          return undefined;
        }
      }
      let members = held.get(principal);
      if (members === undefined) held.set(principal, (members = new Set()));
      members.add(member);
      let released = false;
      const claim: StreamClaim = {
        release() {
          if (released) return;
          released = true;
          forget(principal, member);
        },
      };
      return claim;
    },
    async close() {
      clearInterval(timer);
      await Promise.allSettled([...pending]);
    },
  };
}
