import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { envHost, envInt, envLogLevel, envNodeEnv, envPort, readConfig } from '../lib/config/index.js';
import { developmentWitnessToken, witnessTokenMinLength } from './client/index.js';

export const witnessDefaultPort = 4310;

export const witnessEnvSchema = z
  .object({
    HOST: envHost(),
    PORT: envPort(witnessDefaultPort),
    NODE_ENV: envNodeEnv(),
    LOG_LEVEL: envLogLevel(),
    /** The witness's own folder: its store and its key file sit there unless placed apart. */
    WITNESS_DATA_DIR: z.string().min(1, 'must not be empty').default('.data/witness'),
    /** SQLite file of the signed checkpoints. Default `<WITNESS_DATA_DIR>/checkpoints.sqlite`. */
    WITNESS_STORE_PATH: z.string().min(1, 'must not be empty').optional(),
    /**
     * The witness's OWN PostgreSQL database (scaled mode): checkpoints there instead of the SQLite file. Never the
     * gateway's database nor its role: the writer must not reach what vouches for it.
     */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// URL')
      .optional(),
    DATABASE_POOL_MAX: envInt(5, 1, 100),
    /** Ed25519 key file (0600). Default `<WITNESS_DATA_DIR>/signing-keys.json`, created on first start outside production. */
    WITNESS_KEY_PATH: z.string().min(1, 'must not be empty').optional(),
    /** Bearer token writers must present to submit checkpoints; shared with the gateway. */
    WITNESS_TOKEN: z.string().min(witnessTokenMinLength, `expected at least ${witnessTokenMinLength} characters`).optional(),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.WITNESS_TOKEN === undefined) context.addIssue({ code: 'custom', path: ['WITNESS_TOKEN'], message: 'required in production' });
    else if (env.WITNESS_TOKEN === developmentWitnessToken) context.addIssue({ code: 'custom', path: ['WITNESS_TOKEN'], message: 'the development token is not allowed in production' });
    if (env.WITNESS_KEY_PATH === undefined)
      context.addIssue({ code: 'custom', path: ['WITNESS_KEY_PATH'], message: 'required in production (create the key with `npm run witness:key -- create <path>`)' });
    else if (!existsSync(env.WITNESS_KEY_PATH))
      context.addIssue({ code: 'custom', path: ['WITNESS_KEY_PATH'], message: 'no such file: in production the key is made beforehand (`npm run witness:key -- create <path>`), never on start' });
  });

export interface WitnessConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly nodeEnv: 'development' | 'production' | 'test';
  /** Absolute paths. */
  readonly storePath: string;
  /** The witness's own PostgreSQL database, when set (instead of `storePath`). */
  readonly database?: { readonly url: string; readonly poolMax: number };
  readonly keyPath: string;
  /** Create the key file when missing (never in production). */
  readonly createKey: boolean;
  readonly token: string;
  /** True when the development token is in use (worth a warning). */
  readonly developmentToken: boolean;
}

export function readWitnessConfig(env: NodeJS.ProcessEnv = process.env): WitnessConfig {
  const parsed = readConfig('witness', witnessEnvSchema, env);
  const dir = resolve(parsed.WITNESS_DATA_DIR);
  return {
    host: parsed.HOST,
    port: parsed.PORT,
    nodeEnv: parsed.NODE_ENV,
    storePath: parsed.WITNESS_STORE_PATH === undefined ? join(dir, 'checkpoints.sqlite') : resolve(parsed.WITNESS_STORE_PATH),
    ...(parsed.DATABASE_URL === undefined ? {} : { database: { url: parsed.DATABASE_URL, poolMax: parsed.DATABASE_POOL_MAX } }),
    keyPath: parsed.WITNESS_KEY_PATH === undefined ? join(dir, 'signing-keys.json') : resolve(parsed.WITNESS_KEY_PATH),
    createKey: parsed.NODE_ENV !== 'production',
    token: parsed.WITNESS_TOKEN ?? developmentWitnessToken,
    developmentToken: parsed.WITNESS_TOKEN === undefined,
  };
}
