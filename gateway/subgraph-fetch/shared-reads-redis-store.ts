import { redisAttempt, type Redis } from '../../lib/redis/index.js';
import type { StoreHealth } from '../../lib/store-health/index.js';
import type { SharedReadsStore, StoredAnswer } from './shared-reads-store.js';

export interface RedisSharedReadsStoreOptions {
  readonly redis: Redis;
  /** Largest answer kept, in bytes (body and headers): larger ones stay in each replica's own cache only. */
  readonly maxValueBytes: number;
  /** How long a caller's index of private answers lives after its last write: the longest any answer is kept. */
  readonly callerIndexTtlMs: number;
  readonly health: StoreHealth;
  /** Put before every key. Default `guichet:reads:`. */
  readonly keyPrefix?: string;
  /** Counts one round trip to Redis (`guichet_redis_commands_total{store="shared-reads"}`). */
  readonly onCommand?: () => void;
}

/** Deletes a caller's private answers and their index, in one round trip (members in chunks: `unpack` is bounded). */
const dropCallerScript = `
local keys = redis.call('SMEMBERS', KEYS[1])
for i = 1, #keys, 500 do
  redis.call('DEL', unpack(keys, i, math.min(i + 499, #keys)))
end
redis.call('DEL', KEYS[1])
return #keys
`;

/**
 * Shared reads' second level on Redis. Each answer is one string with a TTL of what is left of its max-age (status,
 * headers and expiry as a JSON line, then the body's bytes); a PRIVATE one is also filed in its caller's set, so that
 * a mutation drops them all in one script. A lookup is one `MGET` (the public and the caller's key), a keep one `SET`
 * (or one `MULTI` for a private answer). A failure is a miss or a skipped write, counted by the store's health.
 */
export function createRedisSharedReadsStore({
  redis,
  maxValueBytes,
  callerIndexTtlMs,
  health,
  keyPrefix = 'guichet:reads:',
  onCommand = () => undefined,
}: RedisSharedReadsStoreOptions): SharedReadsStore {
  const callerIndex = (caller: string) => `${keyPrefix}caller:${caller}`;
  const attempt = redisAttempt(redis, health, onCommand);
  return {
    async get(keys, nowMs) {
      const values = await attempt(() => redis.mgetBuffer(...keys.map((key) => keyPrefix + key)));
      for (const value of values ?? []) {
        const answer = value === null ? undefined : decode(value);
        if (answer !== undefined && answer.expiresAtMs > nowMs) return answer;
      }
      return undefined;
    },
    async set(key, answer, nowMs, caller) {
      const ttlMs = Math.ceil(answer.expiresAtMs - nowMs);
      const value = encode(answer);
      if (ttlMs <= 0 || value.length > maxValueBytes) return;
      if (caller === undefined) {
        await attempt(() => redis.set(keyPrefix + key, value, 'PX', ttlMs));
        return;
      }
      await attempt(async () => {
        const results = await redis
          .multi()
          .set(keyPrefix + key, value, 'PX', ttlMs)
          .sadd(callerIndex(caller), keyPrefix + key)
          .pexpire(callerIndex(caller), Math.max(callerIndexTtlMs, ttlMs))
          .exec();
        const failure = results?.find(([error]) => error !== null)?.[0];
        if (failure) throw failure;
      });
    },
    async dropCaller(caller) {
      await attempt(() => redis.eval(dropCallerScript, 1, callerIndex(caller)));
    },
  };
}

interface AnswerHead {
  readonly s: number;
  readonly h: Record<string, string>;
  readonly e: number;
}

// JSON.stringify escapes every newline inside strings: the first newline ends the head.
function encode({ response, expiresAtMs }: StoredAnswer): Buffer {
  const head: AnswerHead = { s: response.status, h: { ...response.headers }, e: expiresAtMs };
  return Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), response.body]);
}

/** Undefined for anything this version did not write (another version's format, a foreign key): a miss. */
function decode(value: Buffer): StoredAnswer | undefined {
  const end = value.indexOf(0x0a);
  if (end < 0) return undefined;
  let head: unknown;
  try {
    head = JSON.parse(value.subarray(0, end).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isAnswerHead(head)) return undefined;
  return { response: { status: head.s, headers: head.h, body: value.subarray(end + 1) }, expiresAtMs: head.e };
}

function isAnswerHead(value: unknown): value is AnswerHead {
  if (typeof value !== 'object' || value === null) return false;
  const { s, h, e } = value as Record<string, unknown>;
  return typeof s === 'number' && typeof e === 'number' && typeof h === 'object' && h !== null && Object.values(h).every((v) => typeof v === 'string');
}
