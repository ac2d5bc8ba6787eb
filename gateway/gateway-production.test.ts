import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postQuery } from './test-support/graphql-client.js';
import { startTestStack, type TestStack } from './test-support/start-test-stack.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ NODE_ENV: 'production' });
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

  it('serves no landing page', async () => {
    const response = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html', 'apollo-require-preflight': 'true' } });
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(await response.text()).not.toMatch(/<script|<html|cdn\./i);
  });
});
