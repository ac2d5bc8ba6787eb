import { describe, expect, it } from 'vitest';
import { ceetAdapterEnvSchema, ceetAdapterOptionsFromEnv } from '../../ceet/index.js';
import { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv } from '../../rnec/index.js';
import { minesAdapterEnvSchema, minesAdapterOptionsFromEnv } from '../../mines/index.js';
import { urbanismeAdapterEnvSchema, urbanismeAdapterOptionsFromEnv } from '../../urbanisme/index.js';
import type { ResilienceOptions } from './resilience-options.js';

/** Each system's env schema and options reader, by prefix: the same variables, the same defaults. */
const systems: readonly [string, (env: Record<string, string>) => ResilienceOptions | undefined, (env: Record<string, string>) => boolean][] = [
  ['CEET', (env) => ceetAdapterOptionsFromEnv(ceetAdapterEnvSchema.parse(env)).resilience, (env) => ceetAdapterEnvSchema.safeParse(env).success],
  ['RNEC', (env) => rnecAdapterOptionsFromEnv(rnecAdapterEnvSchema.parse(env)).resilience, (env) => rnecAdapterEnvSchema.safeParse(env).success],
  ['URBANISME', (env) => urbanismeAdapterOptionsFromEnv(urbanismeAdapterEnvSchema.parse(env)).resilience, (env) => urbanismeAdapterEnvSchema.safeParse(env).success],
  ['MINES', (env) => minesAdapterOptionsFromEnv(minesAdapterEnvSchema.parse(env)).resilience, (env) => minesAdapterEnvSchema.safeParse(env).success],
];

describe.each(systems)('%s_* resilience variables', (prefix, read, valid) => {
  it('default to the documented values', () => {
    expect(read({})).toEqual({
      deadlineMs: 8_000,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 },
      breaker: { mode: 'consecutive', threshold: 5, halfOpenAfterMs: 10_000 },
      bulkhead: { limit: 32, queue: 64 },
    });
  });

  it('are read per system', () => {
    expect(
      read({
        [`${prefix}_DEADLINE_MS`]: '4000',
        [`${prefix}_RETRY_MAX_ATTEMPTS`]: '5',
        [`${prefix}_RETRY_BASE_DELAY_MS`]: '50',
        [`${prefix}_RETRY_MAX_DELAY_MS`]: '800',
        [`${prefix}_BREAKER_THRESHOLD`]: '10',
        [`${prefix}_BREAKER_HALF_OPEN_AFTER_MS`]: '30000',
        [`${prefix}_BULKHEAD_LIMIT`]: '8',
        [`${prefix}_BULKHEAD_QUEUE`]: '0',
      }),
    ).toEqual({
      deadlineMs: 4_000,
      retry: { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 800 },
      breaker: { mode: 'consecutive', threshold: 10, halfOpenAfterMs: 30_000 },
      bulkhead: { limit: 8, queue: 0 },
    });
  });

  it('turn a concern off with 1 attempt, a threshold of 0, a limit of 0', () => {
    expect(read({ [`${prefix}_RETRY_MAX_ATTEMPTS`]: '1', [`${prefix}_BREAKER_THRESHOLD`]: '0', [`${prefix}_BULKHEAD_LIMIT`]: '0' })).toMatchObject({ retry: false, breaker: false, bulkhead: false });
  });

  it('refuse nonsense', () => {
    expect(valid({ [`${prefix}_RETRY_MAX_ATTEMPTS`]: '0' })).toBe(false);
    expect(valid({ [`${prefix}_DEADLINE_MS`]: 'soon' })).toBe(false);
    expect(valid({ [`${prefix}_BULKHEAD_QUEUE`]: '-1' })).toBe(false);
  });
});
