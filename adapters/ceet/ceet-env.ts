import { z } from 'zod';
import { envInt, envMs, envString, envUrl, readConfig } from '../../lib/config/index.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../shared/index.js';
import type { CeetAdapterOptions } from './create-ceet-adapter.js';

/** Environment fragment of any service that talks to CEET: extend a service's schema with it. */
export const ceetAdapterEnvSchema = z.object({
  CEET_URL: envUrl('http://127.0.0.1:4202'),
  /** Sent as `X-Api-Key`. */
  CEET_API_KEY: envString('dev-ceet-key'),
  CEET_TIMEOUT_MS: envMs(3_000),
  /** Most CEET calls in flight for one batch or page walk. */
  CEET_MAX_CONCURRENCY: envInt(4, 1, 64),
  /** Largest CEET answer read, in bytes, after decompression; a bigger one is BAD_BACKEND_RESPONSE. */
  CEET_MAX_RESPONSE_BYTES: envInt(DEFAULT_MAX_RESPONSE_BYTES, 1_024, 1_000_000_000),
});

export type CeetAdapterEnv = z.infer<typeof ceetAdapterEnvSchema>;

/** Adapter options from an already validated environment. */
export function ceetAdapterOptionsFromEnv(env: CeetAdapterEnv): CeetAdapterOptions {
  return { baseUrl: env.CEET_URL, apiKey: env.CEET_API_KEY, timeoutMs: env.CEET_TIMEOUT_MS, maxConcurrency: env.CEET_MAX_CONCURRENCY, maxResponseBytes: env.CEET_MAX_RESPONSE_BYTES };
}

/** Validates the raw environment (ConfigError on a bad value) and returns adapter options. */
export function readCeetAdapterOptions(env: NodeJS.ProcessEnv = process.env): CeetAdapterOptions {
  return ceetAdapterOptionsFromEnv(readConfig('ceet-adapter', ceetAdapterEnvSchema, env));
}
