import { z } from 'zod';
import { envInt, envString, envUrl } from '../lib/config/index.js';
import { DEFAULT_ACCEPTED_TOKEN_TYPES, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, normalizeTokenType, UNTYPED } from './access-token-profile.js';
import type { AccessTokenVerifierOptions } from './create-access-token-verifier.js';
import { MIN_INTERNAL_SECRET_BYTES } from './internal-token.js';

/** The embedded IdP's issuer (`npm start` runs it on 4300): the default outside production only. */
export const DEFAULT_OIDC_ISSUER = 'http://127.0.0.1:4300';
export const DEFAULT_OIDC_AUDIENCE = 'guichet';

/** A variable production requires: a missing one says so and why, with the others (readConfig lists them all). */
const requiredInProduction = (what: string) => (issue: { readonly input: unknown }) => (issue.input === undefined ? `required when NODE_ENV=production (${what})` : undefined);

/** `at+jwt,JWT` → `['at+jwt', 'jwt']`; `untyped` accepts a token without `typ`. */
const tokenTypesSchema = z
  .string()
  .default(DEFAULT_ACCEPTED_TOKEN_TYPES.join(','))
  .transform((value, context) => {
    const types = [
      ...new Set(
        value
          .split(',')
          .map(normalizeTokenType)
          .filter((t) => t !== ''),
      ),
    ];
    const bad = types.find((t) => t !== UNTYPED && !/^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/.test(t));
    if (types.length === 0 || bad !== undefined) {
      context.addIssue({
        code: 'custom',
        message: bad === undefined ? 'expected at least one token type (e.g. at+jwt)' : `"${bad.slice(0, 40)}" is not a media type (expected e.g. at+jwt,jwt or ${UNTYPED})`,
      });
      return z.NEVER;
    }
    return types;
  });

/**
 * Where the gateway's access tokens come from, and what they must look like. A function of NODE_ENV: in production
 * the issuer and audience are required (no default: the development IdP's URL is never trusted by omission). Spread
 * into a service's env schema: `z.object({ ...own.shape, ...accessTokenEnvSchema(env.NODE_ENV).shape })`, then
 * `accessTokenVerifierOptionsFromEnv(parsed, parsed.NODE_ENV)`.
 */
export function accessTokenEnvSchema(nodeEnv: string | undefined) {
  const production = nodeEnv === 'production';
  const issuer = z
    .url({ error: (issue) => requiredInProduction('the issuer of your OIDC provider, exactly as its tokens write iss')(issue) ?? 'expected an absolute http(s) URL' })
    .refine((v) => /^https?:\/\//.test(v), 'expected an http(s) URL');
  const audience = z.string({ error: (issue) => requiredInProduction('the audience your provider writes in aud for Guichet')(issue) ?? 'expected a string' }).min(1, 'must not be empty');
  return z.object({
    /** Expected `iss`. Default the embedded IdP, outside production only. */
    OIDC_ISSUER: production ? issuer : envUrl(DEFAULT_OIDC_ISSUER),
    /** Expected `aud`. Default `guichet`, outside production only. */
    OIDC_AUDIENCE: production ? audience : envString(DEFAULT_OIDC_AUDIENCE),
    /** The provider's JWKS. Default `<OIDC_ISSUER>/.well-known/jwks.json`. */
    OIDC_JWKS_URL: envUrl().optional(),
    /** Skew allowed on `exp`, `nbf` and `iat`. Default 30. */
    OIDC_CLOCK_TOLERANCE_SECONDS: envInt(30, 0, 300),
    /** Longest lifetime of an access token (`exp - iat`). Default 3600. */
    OIDC_MAX_TOKEN_LIFETIME_SECONDS: envInt(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, 60, 7 * 86_400),
    /** Accepted JOSE `typ` values, comma-separated. Default `at+jwt`. */
    OIDC_ACCEPTED_TOKEN_TYPES: tokenTypesSchema,
  });
}
export type AccessTokenEnv = z.infer<ReturnType<typeof accessTokenEnvSchema>>;

/** The verifier's options; development tokens are accepted outside production only. */
export function accessTokenVerifierOptionsFromEnv(env: AccessTokenEnv, nodeEnv: string | undefined): AccessTokenVerifierOptions {
  return {
    issuer: env.OIDC_ISSUER,
    audience: env.OIDC_AUDIENCE,
    jwksUrl: env.OIDC_JWKS_URL ?? `${env.OIDC_ISSUER.replace(/\/+$/, '')}/.well-known/jwks.json`,
    clockToleranceSeconds: env.OIDC_CLOCK_TOLERANCE_SECONDS,
    maxLifetimeSeconds: env.OIDC_MAX_TOKEN_LIFETIME_SECONDS,
    acceptedTypes: env.OIDC_ACCEPTED_TOKEN_TYPES,
    acceptDevelopmentTokens: nodeEnv !== 'production',
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
