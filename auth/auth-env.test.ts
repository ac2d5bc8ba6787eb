import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../lib/config/index.js';
import { accessTokenEnvSchema, accessTokenVerifierOptionsFromEnv, DEV_INTERNAL_TOKEN_SECRET, internalTokenEnvSchema } from './auth-env.js';

/** What a service would do: its own schema plus the fragments. */
const read = (env: NodeJS.ProcessEnv) => readConfig('svc', z.object({ ...accessTokenEnvSchema.shape, ...internalTokenEnvSchema(env.NODE_ENV).shape }), env);

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    read(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('auth environment', () => {
  it('defaults to the embedded IdP and the development secret outside production', () => {
    const env = read({});
    expect(env).toEqual({ OIDC_ISSUER: 'http://127.0.0.1:4300', OIDC_AUDIENCE: 'guichet', OIDC_CLOCK_TOLERANCE_SECONDS: 30, INTERNAL_TOKEN_SECRET: DEV_INTERNAL_TOKEN_SECRET });
    expect(accessTokenVerifierOptionsFromEnv(env)).toEqual({ issuer: 'http://127.0.0.1:4300', audience: 'guichet', jwksUrl: 'http://127.0.0.1:4300/.well-known/jwks.json', clockToleranceSeconds: 30 });
    expect(read({ NODE_ENV: 'test' }).INTERNAL_TOKEN_SECRET).toBe(DEV_INTERNAL_TOKEN_SECRET);
  });

  it('reads a real provider', () => {
    const env = read({ OIDC_ISSUER: 'https://auth.gouv.tg/realms/guichet/', OIDC_AUDIENCE: 'guichet-api', OIDC_CLOCK_TOLERANCE_SECONDS: '5' });
    expect(accessTokenVerifierOptionsFromEnv(env)).toEqual({ issuer: 'https://auth.gouv.tg/realms/guichet/', audience: 'guichet-api', jwksUrl: 'https://auth.gouv.tg/realms/guichet/.well-known/jwks.json', clockToleranceSeconds: 5 });
    const keycloak = read({ OIDC_ISSUER: 'https://auth.gouv.tg/realms/guichet', OIDC_JWKS_URL: 'https://auth.gouv.tg/realms/guichet/protocol/openid-connect/certs' });
    expect(accessTokenVerifierOptionsFromEnv(keycloak).jwksUrl).toBe('https://auth.gouv.tg/realms/guichet/protocol/openid-connect/certs');
    expect(problemsOf({ OIDC_ISSUER: 'pas une url', OIDC_CLOCK_TOLERANCE_SECONDS: '3600' })).toMatch(/OIDC_ISSUER[\s\S]*OIDC_CLOCK_TOLERANCE_SECONDS="3600": expected at most 300/);
  });

  it('requires a real secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toContain('INTERNAL_TOKEN_SECRET: required when NODE_ENV=production');
    expect(problemsOf({ NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: DEV_INTERNAL_TOKEN_SECRET })).toContain('the development secret is not allowed when NODE_ENV=production');
    expect(read({ NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: 'k'.repeat(32) }).INTERNAL_TOKEN_SECRET).toBe('k'.repeat(32));
  });

  it('refuses a secret shorter than 32 bytes in any mode', () => {
    expect(problemsOf({ INTERNAL_TOKEN_SECRET: 'short' })).toContain('expected at least 32 bytes');
    expect(problemsOf({ NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: 'x'.repeat(31) })).toContain('expected at least 32 bytes');
  });
});
