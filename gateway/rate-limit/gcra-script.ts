import { createHash } from 'node:crypto';

/**
 * gcra.ts's step as one Lua script, run atomically by Redis: read the bucket's TAT, decide, store the new TAT with a
 * TTL (`SET key tat PX ttl`) — no other replica can read the same TAT in between. Same double arithmetic in the same
 * order as gcra.ts, so both give the same decisions (the shared contract test holds them to it). The TAT is written
 * with 17 significant digits so that it reads back as the same double.
 *
 * KEYS[1] the bucket; ARGV nowMs, limit, windowMs. Returns {allowed (0|1), retryAfterMs, remaining, resetMs}.
 */
export const gcraScript = `
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local interval = window / limit
local tat = now
local stored = redis.call('GET', KEYS[1])
if stored then tat = math.max(tonumber(stored), now) end
local nxt = tat + interval
local allowedAt = nxt - window
if allowedAt - now > 1e-6 then
  return {0, math.ceil(allowedAt - now), 0, math.ceil(tat - now - 1e-6)}
end
local remaining = math.max(0, math.floor((window - (nxt - now)) / interval + 1e-6))
redis.call('SET', KEYS[1], string.format('%.17g', nxt), 'PX', math.max(1, math.ceil(nxt - now)))
return {1, 0, remaining, math.ceil(nxt - now - 1e-6)}
`;

/** What `EVALSHA` names the script by. */
export const gcraScriptSha = createHash('sha1').update(gcraScript).digest('hex');
