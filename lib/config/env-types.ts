import { z } from 'zod';

/** Small typed readers for environment variables; each says what it expects when the value is wrong. */

export const envPort = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a TCP port number' })
    .int('expected a whole number')
    .min(0, 'expected a port between 0 and 65535')
    .max(65_535, 'expected a port between 0 and 65535')
    .default(fallback);

export const envMs = (fallback: number) => z.coerce.number({ error: 'expected a duration in milliseconds' }).int('expected whole milliseconds').min(0, 'expected a duration ≥ 0').default(fallback);

export const envInt = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(min, `expected at least ${min}`).max(max, `expected at most ${max}`).default(fallback);

export const envNumber = (fallback: number, min = -Infinity, max = Infinity) =>
  z.coerce.number({ error: 'expected a number' }).min(min, `expected at least ${min}`).max(max, `expected at most ${max}`).default(fallback);

export const envRate = (fallback = 0) =>
  z.coerce.number({ error: 'expected a rate between 0 and 1' }).min(0, 'expected a rate between 0 and 1').max(1, 'expected a rate between 0 and 1').default(fallback);

export const envUrl = (fallback?: string) => {
  const url = z.url({ error: 'expected an absolute http(s) URL' }).refine((v) => /^https?:\/\//.test(v), 'expected an http(s) URL');
  return fallback === undefined ? url : url.default(fallback);
};

export const envBool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envString = (fallback?: string) => (fallback === undefined ? z.string().min(1, 'must not be empty') : z.string().min(1, 'must not be empty').default(fallback));

export const envHost = (fallback = '127.0.0.1') => z.string().min(1, 'expected a host name or address').default(fallback);

export const envLogLevel = () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'expected one of fatal, error, warn, info, debug, trace, silent' }).default('info');

export const envNodeEnv = () => z.enum(['development', 'production', 'test'], { error: 'expected development, production or test' }).default('development');
