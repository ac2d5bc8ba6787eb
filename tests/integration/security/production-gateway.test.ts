import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, defaultManifestPath } from '../../../gateway/trusted-documents/index.js';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { expectNoLeak } from '../../support/leaks.js';
import { rawGet, rawPost } from '../../support/raw-http.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { citizenToken, tokenFor } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';

/**
 * A gateway in production mode over the stack's subgraphs: trusted documents enforced, introspection, field
 * suggestions and stack traces off, HTTP caching of public GETs only.
 */
const citizen = citizenInAllSystems();
const manifest = readManifest(defaultManifestPath());
const idOf = (name: string) => {
  const operation = manifest.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`no trusted document ${name}`);
  return operation.id;
};
const persisted = (name: string) => ({ persistedQuery: { version: 1, sha256Hash: idOf(name) } });
const preflight = { 'apollo-require-preflight': 'true' };

let gateway: ExtraGateway;
/** An integrator allowed arbitrary documents: what it takes to reach validation in enforce mode. */
let explorer: string;

beforeAll(async () => {
  gateway = await spawnGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS_MODE: 'enforce' });
  explorer = await tokenFor({ role: 'integrator', scopes: ['documents:any', 'dossiers:read'], clientId: 'explorateur' });
});
afterAll(async () => {
  await gateway?.stop();
});

describe('gateway in production mode', () => {
  it('refuses introspection, even from a client allowed arbitrary documents', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Citizen") { fields { name } } }']) {
      const response = await gql(query, {}, { url: gateway.graphqlUrl, token: explorer });
      expect(response.status).toBe(400);
      expect(response.data ?? null).toBeNull();
      expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(JSON.stringify(response)).not.toMatch(/"Citizen"|"Query"|dossiers/);
    }
  });

  it('gives no field suggestions in validation errors (the test stack does, as a control)', async () => {
    const typos: [string, Record<string, unknown>][] = [
      ['{ procedures { cod titl } }', {}],
      ['{ procedure(cod: "X") { requiredDocument } }', {}],
      ['query { dossier(reference: "CEET-2024-000001") { status(x: 1) reference } me { niuu } }', {}],
      ['query($s: DossierStatu) { procedures { code } }', {}],
      ['{ me { dossiers(status: COMPLETE) { totalCount } } }', {}],
      ['query($s: DossierStatus) { me { dossiers(status: $s) { totalCount } } }', { s: 'COMPLETE' }],
    ];
    for (const [query, variables] of typos) {
      const response = await gql(query, variables, { url: gateway.graphqlUrl, token: explorer });
      expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(errorCodes(response)[0]);
      const messages = response.errors!.map((e) => e.message).join(' ');
      expect(messages).not.toMatch(/Did you mean|"title"|"requiredDocuments"|"niu"|COMPLETED/);
    }
    const control = await gql(typos[0]![0], {}, { token: explorer });
    expect(control.errors!.map((e) => e.message).join(' ')).toMatch(/Did you mean "code"/);
  });

  it('puts no stack trace nor internal detail in any error', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['{ procedures { code ', {}],
      ['query($n: ID!) { citizen(niu: $n) { niu } }', { n: { not: 'a string' } }],
      ['query($n: Int!) { procedures { code } }', { n: 'x' }],
      ['{ dossier(reference: "CEET-2020-999999") { reference status } }', {}],
      ['{ dossier(reference: "CEET-12") { reference status } }', {}],
      ['{ citizen(niu: "999999999999") { firstName } }', {}],
    ];
    for (const [query, variables] of cases) {
      const response = await gql(query, variables, { url: gateway.graphqlUrl, token: explorer });
      expect(response.errors?.length).toBeGreaterThan(0);
      for (const error of response.errors!) {
        expect(Object.keys(error.extensions ?? {}).every((key) => ['code', 'system', 'subgraph', 'field', 'retryAfterMs'].includes(key))).toBe(true);
      }
      expectNoLeak(response);
    }
  });

  it('refuses an arbitrary document from an ordinary client: DOCUMENT_NOT_TRUSTED', async () => {
    const response = await gql(`{ me { niu firstName } }`, {}, { url: gateway.graphqlUrl, token: await citizenToken(citizen.niu) });
    expect(response.status).toBe(400);
    expect(response.data ?? null).toBeNull();
    expect(errorCodes(response)).toEqual(['DOCUMENT_NOT_TRUSTED']);
    expect(JSON.stringify(response)).not.toContain(citizen.niu);
    const anonymous = await gql(`{ procedures { code } }`, {}, { url: gateway.graphqlUrl });
    expect(errorCodes(anonymous)).toEqual(['DOCUMENT_NOT_TRUSTED']);
  });

  it('runs a trusted document sent by id over POST with a citizen token', async () => {
    const response = await rawPost(JSON.stringify({ extensions: persisted('MyDashboard') }), { 'content-type': 'application/json', authorization: `Bearer ${await citizenToken(citizen.niu)}` }, gateway.graphqlUrl);
    expect(response.status).toBe(200);
    expect(response.json?.errors).toBeUndefined();
    expect(response.json?.data).toMatchObject({ me: { niu: citizen.niu } });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('runs a trusted query sent by id over GET with the preflight header; a personal one is private, no-store', async () => {
    const response = await rawGet({ extensions: persisted('DossierStatus'), variables: { reference: citizen.ceet[0]! } }, { ...preflight, authorization: `Bearer ${await citizenToken(citizen.niu)}` }, gateway.graphqlUrl);
    expect(response.status).toBe(200);
    expect(response.json?.data).toMatchObject({ dossier: { reference: citizen.ceet[0]! } });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('vary')).toMatch(/Authorization/i);
  });

  it('serves the public Procedures document over GET as publicly cacheable, varying on Authorization', async () => {
    const response = await rawGet({ extensions: persisted('Procedures') }, preflight, gateway.graphqlUrl);
    expect(response.status).toBe(200);
    expect(response.json?.errors).toBeUndefined();
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(response.headers.get('vary')?.split(',').map((v) => v.trim().toLowerCase())).toContain('authorization');
  });

  it('does not cache the public document over POST, nor an error', async () => {
    const post = await rawPost(JSON.stringify({ extensions: persisted('Procedures') }), { 'content-type': 'application/json' }, gateway.graphqlUrl);
    expect(post.headers.get('cache-control')).toBe('private, no-store');
    const unknown = await rawGet({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, preflight, gateway.graphqlUrl);
    expect(unknown.headers.get('cache-control')).toMatch(/no-store/);
  });

  it('answers an unknown id with PERSISTED_QUERY_NOT_FOUND, over POST and GET', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } };
    const post = await rawPost(JSON.stringify({ extensions }), { 'content-type': 'application/json' }, gateway.graphqlUrl);
    expect(post.json?.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(post.json?.data ?? null).toBeNull();
    const get = await rawGet({ extensions }, preflight, gateway.graphqlUrl);
    expect(get.json?.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('refuses a trusted mutation over GET (405), and a trusted query without the preflight header (400)', async () => {
    const token = await citizenToken(citizen.niu);
    const mutation = await rawGet({ extensions: persisted('RequestCivilActCopy'), variables: { input: {}, idempotencyKey: 'get-mutation-prod' } }, { ...preflight, authorization: `Bearer ${token}` }, gateway.graphqlUrl);
    expect(mutation.status).toBe(405);
    const simple = await rawGet({ extensions: persisted('MyDashboard') }, { authorization: `Bearer ${token}` }, gateway.graphqlUrl);
    expect(simple.status).toBe(400);
    expect(simple.text).not.toContain(citizen.niu);
  });
});
