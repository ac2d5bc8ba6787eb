import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from './backoff.js';
import { retryDelayMs } from './retry-delay.js';

describe('exponentialBackoff', () => {
  it('doubles from 0.5–1 s up to 2.5–5 min by default', () => {
    const low = exponentialBackoff({ random: () => 0 });
    const high = exponentialBackoff({ random: () => 0.999_999 });
    expect([1, 2, 3, 4].map(low)).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map(high)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(low(20)).toBe(150_000);
    expect(high(20)).toBe(300_000);
    expect(high(10_000)).toBe(300_000);
  });

  it('below the ceiling, never goes below the previous step’s longest, whatever the jitter', () => {
    const backoff = exponentialBackoff();
    // 1 s · 2^8 = 256 s is the last nominal step under the 300 s ceiling.
    for (let attempt = 1; attempt < 9; attempt += 1) {
      const delays = Array.from({ length: 200 }, () => backoff(attempt));
      const next = Array.from({ length: 200 }, () => backoff(attempt + 1));
      expect(Math.min(...next)).toBeGreaterThanOrEqual(Math.max(...delays) - 1);
    }
  });

  it('spreads delays out rather than synchronising retries', () => {
    const backoff = exponentialBackoff();
    expect(new Set(Array.from({ length: 50 }, () => backoff(5))).size).toBeGreaterThan(10);
  });
});

describe('retryDelayMs', () => {
  const backoff = () => 1_000;
  it('takes the longest of the backoff, Retry-After and, after a failed create, the settling delay', () => {
    expect(retryDelayMs({ backoff, attempts: 1, stage: 'find', createFailureDelayMs: 10_000 })).toBe(1_000);
    expect(retryDelayMs({ backoff, attempts: 1, stage: 'create', createFailureDelayMs: 10_000 })).toBe(10_000);
    expect(retryDelayMs({ backoff, attempts: 1, stage: 'find', retryAfterMs: 30_000, createFailureDelayMs: 10_000 })).toBe(30_000);
  });
});
