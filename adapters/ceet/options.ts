import { z } from 'zod';
import { envSecret, envUrl, readConfig } from '../../lib/config/index.js';
import { adapterEnvOptions, adapterEnvShape } from '../shared/index.js';
import type { CeetAdapterOptions } from './create-ceet-adapter.js';

/** Environment fragment of any service that talks to CEET: extend a service's schema with it. */
export const ceetAdapterEnvSchema = z.object({
  CEET_URL: envUrl('http://127.0.0.1:4202'),
  /** Sent as `X-Api-Key`. */
  CEET_API_KEY: envSecret('dev-ceet-key'),
  ...adapterEnvShape('CEET'),
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
