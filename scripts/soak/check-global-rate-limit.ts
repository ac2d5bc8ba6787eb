/** What one burst of anonymous requests through the load balancer got. */
export interface RateLimitCheck {
  /** The anonymous limit every gateway was given, per minute. */
  readonly limitPerMinute: number;
  readonly sent: number;
  readonly accepted: number;
  readonly refused: number;
  /** Neither accepted nor refused by the limit (a network error, another status). */
  readonly other: number;
  /** The most the limit allows over the burst: the limit, plus what refills while the burst lasts, plus one. */
  readonly allowed: number;
  readonly held: boolean;
}

/**
 * Sends `3 × limit` anonymous catalogue queries from one address through the load balancer, which spreads them
 * round robin over the gateways: one limit shared by every gateway accepts about `limit` of them; one limit per
 * gateway would accept about `limit × gateways`.
 */
export async function checkGlobalRateLimit(gatewayUrl: string, limitPerMinute: number, concurrency = 6): Promise<RateLimitCheck> {
  const sent = limitPerMinute * 3;
  const startedAt = Date.now();
  let accepted = 0;
  let refused = 0;
  let other = 0;
  let next = 0;
  const worker = async () => {
    while (next < sent) {
      next += 1;
      try {
        const response = await fetch(gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ procedures { code } }' }),
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) accepted += 1;
        else if (response.status === 429) refused += 1;
        else other += 1;
      } catch {
        other += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const refilled = Math.ceil(((Date.now() - startedAt) / 60_000) * limitPerMinute);
  const allowed = limitPerMinute + refilled + 1;
  return { limitPerMinute, sent, accepted, refused, other, allowed, held: accepted <= allowed && refused > 0 };
}
