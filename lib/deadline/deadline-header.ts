/**
 * The header the gateway sends each subgraph: the milliseconds the subgraph may still spend on this request.
 * Remaining time rather than an instant, so that the two processes' clocks need not agree (as gRPC's `grpc-timeout`).
 */
export const DEADLINE_HEADER = 'x-guichet-deadline-ms';

/** Digits only, at most 9 of them (over a day): anything else is not a deadline. */
const pattern = /^\d{1,9}$/;

/**
 * The remaining milliseconds a `x-guichet-deadline-ms` value grants, capped at `maxMs` (a caller never extends the
 * receiver's own bound), or undefined when the value is absent or malformed — the receiver then applies its own.
 * Zero is a real answer: the time is up.
 */
export function parseDeadlineHeader(value: string | readonly string[] | undefined, maxMs: number): number | undefined {
  const text = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  if (typeof text !== 'string' || !pattern.test(text.trim())) return undefined;
  return Math.min(Number(text.trim()), maxMs);
}
