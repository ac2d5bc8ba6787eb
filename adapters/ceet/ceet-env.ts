import { z } from 'zod';
import { envInt, envMs, envSecret, envUrl, readConfig } from '../../lib/config/index.js';
import { adapterEnvOptions, DEFAULT_MAX_RESPONSE_BYTES, resilienceEnv } from '../shared/index.js';
import type { CeetAdapterOptions } from './create-ceet-adapter.js';

/** Environment fragment of any service that talks to CEET: extend a service's schema with it. */
export const ceetAdapterEnvSchema = z.object({
  CEET_URL: envUrl('http://127.0.0.1:4202'),
  /** Sent as `X-Api-Key`. */
  CEET_API_KEY: envSecret('dev-ceet-key'),
  /** One attempt, connection to last byte. */
  CEET_TIMEOUT_MS: envMs(3_000),
  /** Whole call: waiting for a slot, every attempt and backoff (never below CEET_TIMEOUT_MS). */
  CEET_DEADLINE_MS: resilienceEnv.deadlineMs(),
  /** Attempts of a safe read, the first included (1: no retry). Writes are never retried. */
  CEET_RETRY_MAX_ATTEMPTS: resilienceEnv.retryMaxAttempts(),
  /** Scale of the first jittered backoff; a `Retry-After` may ask for longer. */
  CEET_RETRY_BASE_DELAY_MS: resilienceEnv.retryBaseDelayMs(),
  CEET_RETRY_MAX_DELAY_MS: resilienceEnv.retryMaxDelayMs(),
  /** Backend failures in a row that open the circuit (0: no breaker). */
  CEET_BREAKER_THRESHOLD: resilienceEnv.breakerThreshold(),
  /** How long an open circuit refuses calls before letting one probe through. */
  CEET_BREAKER_HALF_OPEN_AFTER_MS: resilienceEnv.breakerHalfOpenAfterMs(),
  /** Calls in flight to the system at once (0: no bulkhead), and calls waiting beyond them. */
  CEET_BULKHEAD_LIMIT: resilienceEnv.bulkheadLimit(),
  CEET_BULKHEAD_QUEUE: resilienceEnv.bulkheadQueue(),
  /** Most CEET calls in flight for one batch or page walk. */
  CEET_MAX_CONCURRENCY: envInt(4, 1, 64),
  /** Largest CEET answer read, in bytes, after decompression; a bigger one is BAD_BACKEND_RESPONSE. */
  CEET_MAX_RESPONSE_BYTES: envInt(DEFAULT_MAX_RESPONSE_BYTES, 1_024, 1_000_000_000),
});

export type CeetAdapterEnv = z.infer<typeof ceetAdapterEnvSchema>;

/** Adapter options from an already validated environment. */
export function ceetAdapterOptionsFromEnv(env: CeetAdapterEnv): CeetAdapterOptions {
  return {
    baseUrl: env.CEET_URL,
    apiKey: env.CEET_API_KEY,
    ...adapterEnvOptions('CEET', env),
  };
}

/** Validates the raw environment (ConfigError on a bad value) and returns adapter options. */
export function readCeetAdapterOptions(env: NodeJS.ProcessEnv = process.env): CeetAdapterOptions {
  return ceetAdapterOptionsFromEnv(readConfig('ceet-adapter', ceetAdapterEnvSchema, env));
}
