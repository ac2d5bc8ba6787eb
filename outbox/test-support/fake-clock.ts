/** A clock the test moves by hand: leases and backoffs expire when the test says so, not after real sleeps. */
export interface FakeClock {
  readonly now: () => number;
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function createFakeClock(start = Date.UTC(2026, 0, 15, 8, 0, 0)): FakeClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    set(epochMs) {
      current = epochMs;
    },
  };
}
