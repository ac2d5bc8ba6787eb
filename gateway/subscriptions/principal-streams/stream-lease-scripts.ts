import { createHash } from 'node:crypto';

// Both scripts read Redis's own clock (`TIME`), so the replicas' clocks never have to agree: a lease is "expires at
// Redis time T", written and compared by Redis alone. Scores are epoch milliseconds.
const now = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * Atomic check-and-add of one stream in a principal's sorted set: drop the lapsed leases, refuse at `max`, else add
 * the stream with its lease. A stream already in the set (a claim retried after a lost answer) is renewed, not
 * counted twice. The key lives as long as its newest lease.
 *
 * KEYS[1] the principal's set; ARGV member, max, leaseMs. Returns 1 (claimed) or 0 (at the cap).
 */
export const claimScript = `${now}
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease)
return 1
`;

/**
 * Renews every stream one replica holds for a principal. An upsert, not `XX`: after a Redis restart (or an outage
 * longer than a lease) a replica writes its open streams back, so the count is right again within one renewal.
 *
 * KEYS[1] the principal's set; ARGV leaseMs, member… Returns the set's size.
 */
export const renewScript = `${now}
local lease = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], now + lease, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], lease)
return redis.call('ZCARD', KEYS[1])
`;

/** What `EVALSHA` names a script by. */
export const scriptSha = (script: string) => createHash('sha1').update(script).digest('hex');
