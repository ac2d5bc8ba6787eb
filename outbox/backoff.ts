/** The delay before the next attempt, given how many attempts were made (1 after the first failure). */
export type Backoff = (attempts: number) => number;

export interface ExponentialBackoffOptions {
  /** Nominal delay after the first failure. Default 1000. */
  readonly initialMs?: number;
  /** Ceiling of the nominal delay. Default 300000 (5 min). */
  readonly maxMs?: number;
  /** Default `Math.random`; tests pass a constant. */
  readonly random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": between half and all of min(maxMs, initialMs·2^(attempts−1)) —
 * 0.5–1 s, 1–2 s, 2–4 s … 2.5–5 min. Below the ceiling a step is never shorter than the previous one's longest;
 * and delays are spread out, so that submissions queued during one outage do not all hit the recovering system in
 * the same second.
 */
export function exponentialBackoff(options: ExponentialBackoffOptions = {}): Backoff {
  const { initialMs = 1_000, maxMs = 300_000, random = Math.random } = options;
  return (attempts) => {
    const exponent = Math.min(Math.max(attempts, 1) - 1, 52);
    const nominal = Math.min(maxMs, initialMs * 2 ** exponent);
    return Math.round(nominal / 2 + (random() * nominal) / 2);
  };
}
