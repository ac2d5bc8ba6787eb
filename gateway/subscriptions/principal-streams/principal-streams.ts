/** One open stream counted against its principal; `release()` is idempotent. */
export interface StreamClaim {
  release(): void;
}

/**
 * Who counts a principal's open subscriptions against `SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL`: this process alone
 * (memory, embedded mode) or every gateway replica together (Redis, scaled mode).
 */
export interface PrincipalStreams {
  /**
   * Counts one more stream for `principal` (an opaque key: subject and client) if fewer than `max` are open, and
   * returns its claim; undefined when the cap is reached. Atomic: concurrent claims never exceed `max` between them.
   */
  claim(principal: string, max: number): Promise<StreamClaim | undefined>;
  /** Stops renewing and waits for the releases in flight; open claims then lapse with their lease. */
  close(): Promise<void>;
}
