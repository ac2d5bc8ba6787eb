import { describe, expect, it } from 'vitest';
import { minesAdapterEnvSchema, minesAdapterOptionsFromEnv } from '../../mines/index.js';
import { adapterEnvOptions } from './adapter-env-options.js';

describe('adapterEnvOptions', () => {
  it('reads each variable under the system’s prefix into the options every adapter takes', () => {
    const env = {
      X_TIMEOUT_MS: 1,
      X_MAX_CONCURRENCY: 2,
      X_MAX_RESPONSE_BYTES: 3,
      X_DEADLINE_MS: 4,
      X_RETRY_MAX_ATTEMPTS: 5,
      X_RETRY_BASE_DELAY_MS: 6,
      X_RETRY_MAX_DELAY_MS: 7,
      X_BREAKER_THRESHOLD: 8,
      X_BREAKER_HALF_OPEN_AFTER_MS: 9,
      X_BULKHEAD_LIMIT: 10,
      X_BULKHEAD_QUEUE: 11,
    };
    expect(adapterEnvOptions('X', env)).toEqual({
      timeoutMs: 1,
      maxConcurrency: 2,
      maxResponseBytes: 3,
      resilience: { deadlineMs: 4, retry: { maxAttempts: 5, baseDelayMs: 6, maxDelayMs: 7 }, breaker: { mode: 'consecutive', threshold: 8, halfOpenAfterMs: 9 }, bulkhead: { limit: 10, queue: 11 } },
    });
  });

  it('serves an adapter’s own reader (Mines: base URL beside them)', () => {
    const options = minesAdapterOptionsFromEnv(
      minesAdapterEnvSchema.parse({ MINES_URL: 'http://mines.test:1', MINES_TIMEOUT_MS: '1500', MINES_MAX_CONCURRENCY: '2', MINES_MAX_RESPONSE_BYTES: '2048' }),
    );
    expect(options).toMatchObject({ baseUrl: 'http://mines.test:1', timeoutMs: 1_500, maxConcurrency: 2, maxResponseBytes: 2_048 });
  });
});
