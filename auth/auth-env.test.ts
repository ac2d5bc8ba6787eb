import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../lib/config/index.js';
import { accessTokenEnvSchema, accessTokenVerifierOptionsFromEnv, DEV_INTERNAL_TOKEN_SECRET, internalTokenEnvSchema } from './auth-env.js';

/** What a service would do: its own schema plus the fragments. */
const read = (env: NodeJS.ProcessEnv) => readConfig('svc', z.object({ ...accessTokenEnvSchema(env.NODE_ENV).shape, ...internalTokenEnvSchema(env.NODE_ENV).shape }), env);
const production = { NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: 'k'.repeat(32), OIDC_ISSUER: 'https://auth.gouv.tg/realms/guichet', OIDC_AUDIENCE: 'guichet-api' };

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
    expect(env).toEqual({
      OIDC_ISSUER: 'http://127.0.0.1:4300',
      OIDC_AUDIENCE: 'guichet',
      OIDC_CLOCK_TOLERANCE_SECONDS: 30,
      OIDC_MAX_TOKEN_LIFETIME_SECONDS: 3600,
      OIDC_ACCEPTED_TOKEN_TYPES: ['at+jwt'],
      INTERNAL_TOKEN_SECRET: DEV_INTERNAL_TOKEN_SECRET,
    });
    expect(accessTokenVerifierOptionsFromEnv(env, undefined)).toEqual({
      issuer: 'http://127.0.0.1:4300',
      audience: 'guichet',
      jwksUrl: 'http://127.0.0.1:4300/.well-known/jwks.json',
      clockToleranceSeconds: 30,
      maxLifetimeSeconds: 3600,
      acceptedTypes: ['at+jwt'],
      acceptDevelopmentTokens: true,
    });
    expect(read({ NODE_ENV: 'test' }).INTERNAL_TOKEN_SECRET).toBe(DEV_INTERNAL_TOKEN_SECRET);
  });

  it('reads a real provider', () => {
    const env = read({ OIDC_ISSUER: 'https://auth.gouv.tg/realms/guichet/', OIDC_AUDIENCE: 'guichet-api', OIDC_CLOCK_TOLERANCE_SECONDS: '5' });
    expect(accessTokenVerifierOptionsFromEnv(env, 'development')).toMatchObject({
      issuer: 'https://auth.gouv.tg/realms/guichet/',
      audience: 'guichet-api',
      jwksUrl: 'https://auth.gouv.tg/realms/guichet/.well-known/jwks.json',
      clockToleranceSeconds: 5,
    });
    const keycloak = read({ OIDC_ISSUER: 'https://auth.gouv.tg/realms/guichet', OIDC_JWKS_URL: 'https://auth.gouv.tg/realms/guichet/protocol/openid-connect/certs' });
    expect(accessTokenVerifierOptionsFromEnv(keycloak, 'development').jwksUrl).toBe('https://auth.gouv.tg/realms/guichet/protocol/openid-connect/certs');
    expect(problemsOf({ OIDC_ISSUER: 'pas une url', OIDC_CLOCK_TOLERANCE_SECONDS: '3600' })).toMatch(/OIDC_ISSUER[\s\S]*OIDC_CLOCK_TOLERANCE_SECONDS="3600": expected at most 300/);
  });

  it('requires a real secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toContain('INTERNAL_TOKEN_SECRET: required when NODE_ENV=production');
    expect(problemsOf({ ...production, INTERNAL_TOKEN_SECRET: DEV_INTERNAL_TOKEN_SECRET })).toContain('the development secret is not allowed when NODE_ENV=production');
    expect(read(production).INTERNAL_TOKEN_SECRET).toBe('k'.repeat(32));
  });

  it('requires the issuer and the audience in production: the development IdP is never trusted by default', () => {
    const problems = problemsOf({ NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: 'k'.repeat(32) });
    expect(problems).toMatch(/OIDC_ISSUER: required when NODE_ENV=production/);
    expect(problems).toMatch(/OIDC_AUDIENCE: required when NODE_ENV=production/);
    expect(problemsOf({ ...production, OIDC_ISSUER: 'pas une url' })).toMatch(/OIDC_ISSUER="pas une url": expected an absolute http\(s\) URL/);
    expect(problemsOf({ ...production, OIDC_AUDIENCE: '' })).toMatch(/OIDC_AUDIENCE="": must not be empty/);
    // The JWKS stays optional, derived from the issuer.
    const options = accessTokenVerifierOptionsFromEnv(read(production), 'production');
    expect(options).toMatchObject({ issuer: production.OIDC_ISSUER, audience: 'guichet-api', jwksUrl: `${production.OIDC_ISSUER}/.well-known/jwks.json`, acceptDevelopmentTokens: false });
    // An IdP running in production mode on this machine (npm start -- --production) is a choice, not a default.
    expect(read({ ...production, OIDC_ISSUER: 'http://127.0.0.1:4300' }).OIDC_ISSUER).toBe('http://127.0.0.1:4300');
  });

  it('reads the accepted token types and the longest lifetime', () => {
    expect(read({ OIDC_ACCEPTED_TOKEN_TYPES: 'at+jwt, JWT ,application/at+jwt,untyped' }).OIDC_ACCEPTED_TOKEN_TYPES).toEqual(['at+jwt', 'jwt', 'untyped']);
    expect(read({ OIDC_MAX_TOKEN_LIFETIME_SECONDS: '5400' }).OIDC_MAX_TOKEN_LIFETIME_SECONDS).toBe(5400);
    expect(problemsOf({ OIDC_ACCEPTED_TOKEN_TYPES: ' , ' })).toMatch(/OIDC_ACCEPTED_TOKEN_TYPES=" , ": expected at least one token type/);
    expect(problemsOf({ OIDC_ACCEPTED_TOKEN_TYPES: 'at+jwt,a b' })).toMatch(/"a b" is not a media type/);
    expect(problemsOf({ OIDC_MAX_TOKEN_LIFETIME_SECONDS: '10' })).toMatch(/OIDC_MAX_TOKEN_LIFETIME_SECONDS="10": expected at least 60/);
  });

  it('refuses a secret shorter than 32 bytes in any mode', () => {
    expect(problemsOf({ INTERNAL_TOKEN_SECRET: 'short' })).toContain('expected at least 32 bytes');
    expect(problemsOf({ NODE_ENV: 'production', INTERNAL_TOKEN_SECRET: 'x'.repeat(31) })).toContain('expected at least 32 bytes');
  });
});
