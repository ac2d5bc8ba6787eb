import { z } from 'zod';
import { envInt, envString, envUrl } from '../lib/config/index.js';
import type { AccessTokenVerifierOptions } from './create-access-token-verifier.js';
import { MIN_INTERNAL_SECRET_BYTES } from './internal-token.js';

/** The embedded IdP's issuer (`npm start` runs it on 4300). */
export const DEFAULT_OIDC_ISSUER = 'http://127.0.0.1:4300';
export const DEFAULT_OIDC_AUDIENCE = 'guichet';

/**
 * Where the gateway's access tokens come from. Spread into a service's env schema:
 * `z.object({ ...ownSchema.shape, ...accessTokenEnvSchema.shape })`, then `accessTokenVerifierOptionsFromEnv(parsed)`.
 */
export const accessTokenEnvSchema = z.object({
  /** Expected `iss`. Default the embedded IdP. */
  OIDC_ISSUER: envUrl(DEFAULT_OIDC_ISSUER),
  /** Expected `aud`. Default `guichet`. */
  OIDC_AUDIENCE: envString(DEFAULT_OIDC_AUDIENCE),
  /** The provider's JWKS. Default `<OIDC_ISSUER>/.well-known/jwks.json`. */
  OIDC_JWKS_URL: envUrl().optional(),
  /** Skew allowed on `exp`/`nbf`. Default 30. */
  OIDC_CLOCK_TOLERANCE_SECONDS: envInt(30, 0, 300),
});
export type AccessTokenEnv = z.infer<typeof accessTokenEnvSchema>;

export function accessTokenVerifierOptionsFromEnv(env: AccessTokenEnv): AccessTokenVerifierOptions {
  return {
    issuer: env.OIDC_ISSUER,
    audience: env.OIDC_AUDIENCE,
    jwksUrl: env.OIDC_JWKS_URL ?? `${env.OIDC_ISSUER.replace(/\/+$/, '')}/.well-known/jwks.json`,
    clockToleranceSeconds: env.OIDC_CLOCK_TOLERANCE_SECONDS,
  };
}

/**
 * The development secret shared by the gateway and subgraphs when `INTERNAL_TOKEN_SECRET` is unset outside
 * production. Public on purpose (it is in the source): refused when NODE_ENV=production.
 */
export const DEV_INTERNAL_TOKEN_SECRET = 'guichet-dev-internal-token-secret-not-for-production';

const secretBytes = (value: string) => new TextEncoder().encode(value).length;

/**
 * `INTERNAL_TOKEN_SECRET`, for the gateway (which signs) and every subgraph (which verify). A function of NODE_ENV
 * because the rule depends on it: in production the variable is required and may not be the development default;
 * elsewhere it defaults to DEV_INTERNAL_TOKEN_SECRET. Always at least 32 bytes. Use with the raw environment:
 * `z.object({ ...ownSchema.shape, ...internalTokenEnvSchema(env.NODE_ENV).shape })` (readConfig then reports a
 * missing or weak secret as a ConfigError, with the others).
 */
export function internalTokenEnvSchema(nodeEnv: string | undefined) {
  const production = nodeEnv === 'production';
  const secret = z
    .string({ error: (issue) => (issue.input === undefined ? 'required when NODE_ENV=production (at least 32 random bytes, shared by the gateway and every subgraph)' : 'expected a string') })
    .refine((v) => secretBytes(v) >= MIN_INTERNAL_SECRET_BYTES, `expected at least ${MIN_INTERNAL_SECRET_BYTES} bytes`)
    .refine((v) => !production || v !== DEV_INTERNAL_TOKEN_SECRET, 'the development secret is not allowed when NODE_ENV=production');
  return z.object({ INTERNAL_TOKEN_SECRET: production ? secret : secret.default(DEV_INTERNAL_TOKEN_SECRET) });
}
export type InternalTokenEnv = z.infer<ReturnType<typeof internalTokenEnvSchema>>;
