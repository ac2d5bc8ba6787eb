/** At most `limit` requests per `windowMs`, as a burst or spread out. */
export interface RateRule {
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  /** When the next request would be allowed (0 when this one was). */
  readonly retryAfterMs: number;
  /** Requests still allowed right now after this one. */
  readonly remaining: number;
  /**
   * Whole milliseconds until the bucket is full again (`limit` requests allowed at once), counting this request if it
   * was allowed: what the `RateLimit` header's `t` says. 0 for a bucket nobody has used.
   */
  readonly resetMs: number;
}

/** Float slack: 7 × (60000 / 7) may exceed 60000 by a hair, which must not refuse the 7th request. */
const epsilonMs = 1e-6;

/**
 * One step of the generic cell rate algorithm (GCRA), the token bucket of capacity `limit` refilled continuously at
 * `limit / windowMs`, kept as a single number per key: the theoretical arrival time (TAT) of the next request.
 * Chosen over a sliding window because its state is one number (cheap in memory, one atomic Lua step in Redis), it
 * refills smoothly instead of at window edges, and it gives the exact `retryAfterMs`. A refused request leaves the
 * state unchanged, so a client hammering while limited does not push its own recovery further away.
 */
export function gcra(tatMs: number | undefined, nowMs: number, { limit, windowMs }: RateRule): RateDecision & { readonly tatMs: number } {
  const intervalMs = windowMs / limit;
  const tat = Math.max(tatMs ?? nowMs, nowMs);
  const next = tat + intervalMs;
  const allowedAt = next - windowMs;
  if (allowedAt - nowMs > epsilonMs) return { allowed: false, retryAfterMs: Math.ceil(allowedAt - nowMs), remaining: 0, resetMs: Math.ceil(tat - nowMs - epsilonMs), tatMs: tat };
  return { allowed: true, retryAfterMs: 0, remaining: Math.max(0, Math.floor((windowMs - (next - nowMs)) / intervalMs + epsilonMs)), resetMs: Math.ceil(next - nowMs - epsilonMs), tatMs: next };
}
