import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../lib/config/index.js';
import { readGatewayConfig } from './config.js';
import { postQuery } from './test-support/graphql-client.js';
import { startTestStack, type TestStack } from './test-support/start-test-stack.js';

let stack: TestStack;

/** Production requires the OIDC provider to be named: no default issuer, no default audience. */
const provider = { OIDC_ISSUER: 'https://auth.gouv.tg/realms/guichet', OIDC_AUDIENCE: 'guichet-api' };

beforeAll(async () => {
  stack = await startTestStack({ NODE_ENV: 'production', ...provider });
});
afterAll(() => stack?.close());

describe('gateway in production', () => {
  it('hides an internal error: generic French message, no stack trace, no detail', async () => {
    const { body } = await postQuery(stack.gateway.url, '{ boom person(niu: "1001") { fullName } }');
    expect(body.data).toEqual({ boom: null, person: { fullName: 'Afi Mensah' } });
    expect(body.errors).toEqual([{ message: 'Erreur interne. Réessayez plus tard.', path: ['boom'], extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph: 'civil-registry' } }]);
    expect(JSON.stringify(body)).not.toMatch(/secret|postgres|stacktrace/);
  });

  it('keeps known codes and their messages', async () => {
    const { body } = await postQuery(stack.gateway.url, '{ person(niu: "0") { fullName } }');
    expect(body.errors).toEqual([{ message: 'Personne introuvable.', path: ['person'], extensions: { code: 'NOT_FOUND', system: 'RNEC', subgraph: 'civil-registry' } }]);
  });

  it('refuses introspection', async () => {
    const { status, body } = await postQuery(stack.gateway.url, '{ __schema { queryType { name } } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('serves no landing page nor explorer by default: a browser gets a page saying how to query, no script', async () => {
    const response = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html', 'apollo-require-preflight': 'true' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text).toContain('EXPLORER_ENABLED');
    expect(text).not.toMatch(/<script|cdn\.|graphiql/i);
    const client = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(client.headers.get('content-type')).toMatch(/json/);
  });
});

describe('gateway configuration in production', () => {
  const secrets = {
    NODE_ENV: 'production',
    SUPERGRAPH_PATH: '',
    INTERNAL_TOKEN_SECRET: 'p'.repeat(40),
    AUDIT_HMAC_KEY: 'a'.repeat(40),
    AUDIT_WITNESS_URL: 'https://witness.example',
    WITNESS_TOKEN: 'w'.repeat(40),
  };

  it('requires the OIDC issuer and audience, naming both, and trusts the provider it is given', () => {
    const env = { ...secrets, SUPERGRAPH_PATH: stack.supergraphPath };
    let problems = '';
    try {
      readGatewayConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).message;
    }
    expect(problems).toMatch(/OIDC_ISSUER: required when NODE_ENV=production/);
    expect(problems).toMatch(/OIDC_AUDIENCE: required when NODE_ENV=production/);
    const config = readGatewayConfig({ ...env, ...provider });
    expect(config.accessToken).toMatchObject({
      issuer: provider.OIDC_ISSUER,
      audience: 'guichet-api',
      jwksUrl: `${provider.OIDC_ISSUER}/.well-known/jwks.json`,
      acceptDevelopmentTokens: false,
      acceptedTypes: ['at+jwt'],
      maxLifetimeSeconds: 3600,
    });
    // Outside production the development IdP's tokens are taken (npm start, the test stack).
    expect(readGatewayConfig({ SUPERGRAPH_PATH: stack.supergraphPath }).accessToken.acceptDevelopmentTokens).toBe(true);
  });
});
