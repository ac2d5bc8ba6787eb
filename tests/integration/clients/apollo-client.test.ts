import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, type NormalizedCacheObject } from '@apollo/client';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuichetApolloClient } from '../../../clients/apollo/index.js';
import { keyFields, possibleTypes } from '../../../clients/generated/apollo-cache.js';
import {
  CitizenDashboardDocument,
  DossierStatusDocument,
  MyDashboardDeferredDocument,
  ProceduresDocument,
  RequestElectricityConnectionDocument,
  trustedDocumentIds,
} from '../../../clients/generated/graphql.js';
import { rawPost } from '../../support/raw-http.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { productionTokenFor } from '../../support/tokens.js';
import { citizenInAllSystems, testWorld } from '../../support/world.js';
import { paramsOf, recordingFetch } from './recording-fetch.js';

/**
 * The real Apollo Client 4 (core: ApolloClient, InMemoryCache, HttpLink; the persisted-queries link with the
 * manifest's ids) as clients/apollo sets it up, against a gateway in production mode: trusted documents enforced,
 * tokens as a production provider issues them.
 */
const reader = citizenInAllSystems();
const filer = testWorld().persons.find((p) => p.birthDate < '1985-01-01' && p.deathDate === null && p.niu !== reader.niu)!;
let gateway: ExtraGateway;
let readerToken: string;
let filerToken: string;

beforeAll(async () => {
  gateway = await spawnGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS_MODE: 'enforce' });
  readerToken = await productionTokenFor({ role: 'citizen', niu: reader.niu });
  filerToken = await productionTokenFor({ role: 'citizen', niu: filer.niu });
});
afterAll(async () => {
  await gateway?.stop();
});

/** What the gateway answers the manifest's document by id, straight over HTTP: the reference every field is checked against. */
async function byId(name: keyof typeof trustedDocumentIds, variables: Record<string, unknown>, token: string) {
  const response = await rawPost(
    JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: trustedDocumentIds[name] } }, variables }),
    { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    gateway.graphqlUrl,
  );
  expect(response.status).toBe(200);
  return response.json;
}

/** Every normalized entity key of the cache, by type name. */
const entityKeys = (cache: NormalizedCacheObject) => Object.keys(cache).filter((k) => k !== 'ROOT_QUERY' && k !== 'ROOT_MUTATION');

describe('Apollo Client 4 against a production gateway', () => {
  it('loads the dashboard by id over GET with every field, inline fragments included, into a normalized cache; dossier(reference) is then read from the cache', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = createGuichetApolloClient({ url: gateway.graphqlUrl, accessToken: () => readerToken, fetch });
    const { data, error } = await client.query({ query: CitizenDashboardDocument, variables: { niu: reader.niu } });
    expect(error).toBeUndefined();
    // Every field the gateway answers arrives, exactly: Apollo's own cache read drops nothing.
    const truth = await byId('CitizenDashboard', { niu: reader.niu }, readerToken);
    expect(truth?.errors).toBeUndefined();
    expect(data).toEqual(truth?.data);
    const nodes = data?.citizen?.dossiers?.nodes ?? [];
    expect(nodes).toHaveLength(reader.ceet.length + reader.urb.length + reader.rnec.length);
    const electricity = nodes.filter((n) => n.__typename === 'ElectricityConnectionRequest');
    expect(electricity.map((n) => n.reference).sort()).toEqual([...reader.ceet].sort());
    for (const node of electricity) expect(node.meterType, node.reference).toMatch(/^[A-Z_]+$/);
    for (const node of nodes.filter((n) => n.__typename === 'BuildingPermitApplication')) expect(node.landTitle, node.reference).toBeTruthy();
    for (const node of nodes.filter((n) => n.__typename === 'CivilActCopyRequest')) expect(node.actNumber, node.reference).toBeTruthy();

    // One GET carrying the id and no text, the preflight header satisfying CSRF prevention.
    expect(exchanges.map((e) => [e.method, e.status])).toEqual([['GET', 200]]);
    const params = paramsOf(exchanges[0]!);
    expect(params).toMatchObject({ operationName: 'CitizenDashboard', extensions: { persistedQuery: { version: 1, sha256Hash: trustedDocumentIds.CitizenDashboard } } });
    expect(params).not.toHaveProperty('query');

    // Normalized: each entity once under its key; the lists hold references.
    const cache = client.cache.extract() as NormalizedCacheObject;
    expect(cache[`Citizen:{"niu":"${reader.niu}"}`]).toMatchObject({ niu: reader.niu });
    for (const node of nodes) expect(cache[`${node.__typename}:{"reference":"${node.reference}"}`], node.reference).toMatchObject({ reference: node.reference, status: node.status });
    for (const act of data?.citizen?.civilActs ?? []) expect(cache[`CivilAct:{"number":"${act.number}"}`]).toBeDefined();
    for (const node of nodes) if (node.procedure) expect(cache[`Procedure:{"code":"${node.procedure.code}"}`]).toBeDefined();
    expect(cache.ROOT_QUERY?.[`citizen({"niu":"${reader.niu}"})`]).toEqual({ __ref: `Citizen:{"niu":"${reader.niu}"}` });
    for (const key of entityKeys(cache)) {
      const typename = key.slice(0, key.indexOf(':'));
      expect(Object.keys(keyFields), key).toContain(typename);
    }

    // dossier(reference) answered from the cache, whichever ministry's type: no request at all.
    for (const node of nodes) {
      const status = await client.query({ query: DossierStatusDocument, variables: { reference: node.reference }, fetchPolicy: 'cache-only' });
      expect(status.data?.dossier, node.reference).toEqual({
        __typename: node.__typename,
        reference: node.reference,
        status: node.status,
        ministryStatus: node.ministryStatus,
        updatedAt: node.updatedAt,
        nextAction: node.nextAction,
      });
    }
    expect(exchanges).toHaveLength(1);
  });

  it('polls a dossier’s status over GET by id, private and uncacheable; the catalogue over GET is public', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = createGuichetApolloClient({ url: gateway.graphqlUrl, accessToken: () => readerToken, fetch });
    const reference = reader.urb[0]!;
    for (let poll = 0; poll < 2; poll++) {
      const { data } = await client.query({ query: DossierStatusDocument, variables: { reference }, fetchPolicy: 'network-only' });
      expect(data?.dossier).toMatchObject({ __typename: 'BuildingPermitApplication', reference });
    }
    expect(exchanges.map((e) => [e.method, e.status, e.cacheControl])).toEqual([
      ['GET', 200, 'private, no-cache'],
      ['GET', 200, 'private, no-cache'],
    ]);
    expect(paramsOf(exchanges[0]!)).toMatchObject({
      operationName: 'DossierStatus',
      variables: { reference },
      extensions: { persistedQuery: { version: 1, sha256Hash: trustedDocumentIds.DossierStatus } },
    });
    expect(paramsOf(exchanges[0]!)).not.toHaveProperty('query');
    const anonymous = createGuichetApolloClient({ url: gateway.graphqlUrl, fetch });
    const { data } = await anonymous.query({ query: ProceduresDocument });
    expect(data?.procedures.length).toBeGreaterThan(0);
    expect(exchanges.at(-1)?.cacheControl).toMatch(/^public, max-age=\d+$/);
    expect(Object.keys(anonymous.cache.extract() as NormalizedCacheObject).filter((k) => k.startsWith('Procedure:'))).toHaveLength(data?.procedures.length ?? -1);
  });

  it('files an electricity connection by id over POST, the answer normalized with the rest; the same key files it once', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = createGuichetApolloClient({ url: gateway.graphqlUrl, accessToken: () => filerToken, fetch });
    const variables = {
      idempotencyKey: `apollo-${randomUUID()}`,
      input: { applicantNiu: filer.niu, meterType: 'SINGLE_PHASE' as const, communeCode: 'GOLFE1', quarter: 'Bè', applianceCount: 4 },
    };
    const first = await client.mutate({ mutation: RequestElectricityConnectionDocument, variables });
    expect(first.error).toBeUndefined();
    const filed = first.data?.requestElectricityConnection;
    expect(filed).toMatchObject({ __typename: 'ElectricityConnectionRequest', meterType: 'SINGLE_PHASE', procedure: { __typename: 'Procedure' } });
    expect(filed?.reference).toMatch(/^CEET-\d{4}-\d{6}$/);
    expect(exchanges.map((e) => [e.method, e.status])).toEqual([['POST', 200]]);
    expect(exchanges[0]?.body).toMatchObject({ operationName: 'RequestElectricityConnection', extensions: { persistedQuery: { sha256Hash: trustedDocumentIds.RequestElectricityConnection } } });
    expect(exchanges[0]?.body).not.toHaveProperty('query');
    expect((client.cache.extract() as NormalizedCacheObject)[`ElectricityConnectionRequest:{"reference":"${filed?.reference}"}`]).toMatchObject({ meterType: 'SINGLE_PHASE' });
    const again = await client.mutate({ mutation: RequestElectricityConnectionDocument, variables });
    expect(again.data?.requestElectricityConnection.reference).toBe(filed?.reference);
    // The status screen right after filing: from the cache.
    const status = await client.query({ query: DossierStatusDocument, variables: { reference: filed!.reference }, fetchPolicy: 'cache-only' });
    expect(status.data?.dossier?.reference).toBe(filed?.reference);
  });

  it('receives the deferred dashboard in parts (multipart/mixed, deferSpec=20220824) and merges them into the same answer as the whole dashboard', async () => {
    const { fetch, exchanges } = recordingFetch();
    const seen: { readonly dossiers: boolean; readonly complete: boolean }[] = [];
    const client = createGuichetApolloClient({ url: gateway.graphqlUrl, accessToken: () => readerToken, fetch });
    const final = await new Promise<unknown>((resolve, reject) => {
      const subscription = client.watchQuery({ query: MyDashboardDeferredDocument, fetchPolicy: 'network-only' }).subscribe({
        next: (result) => {
          if (result.error) return reject(result.error);
          if (!result.data?.me) return;
          seen.push({ dossiers: 'dossiers' in result.data.me && result.data.me.dossiers !== undefined, complete: result.dataState === 'complete' });
          if (result.dataState === 'complete') {
            subscription.unsubscribe();
            resolve(result.data);
          }
        },
        error: reject,
      });
    });
    // The identity alone first (the deferred fragment still on its way), then everything.
    expect(seen[0]).toEqual({ dossiers: false, complete: false });
    expect(seen.at(-1)).toEqual({ dossiers: true, complete: true });
    const truth = await byId('MyDashboard', {}, readerToken);
    const { me } = final as { me: Record<string, unknown> };
    const whole = (truth?.data as { me: Record<string, unknown> } | undefined)?.me ?? {};
    for (const field of ['niu', 'firstName', 'lastName', 'birthDate', 'civilActs', 'dossiers']) expect(stripTypenames(me[field]), field).toEqual(stripTypenames(whole[field]));
    expect(exchanges).toHaveLength(1);
    expect(paramsOf(exchanges[0]!)).toMatchObject({ extensions: { persistedQuery: { sha256Hash: trustedDocumentIds.MyDashboardDeferred } } });
  });

  it('is trusted sending full text too: a plain HttpLink with the shipped .graphql file, which Apollo Client prints with __typename', async () => {
    const { fetch, exchanges } = recordingFetch();
    const text = readFileSync(new URL('../../../clients/operations/CitizenDashboard.graphql', import.meta.url), 'utf8');
    const auth = new ApolloLink((operation, forward) => {
      operation.setContext({ headers: { authorization: `Bearer ${readerToken}` } });
      return forward(operation);
    });
    const client = new ApolloClient({ link: ApolloLink.from([auth, new HttpLink({ uri: gateway.graphqlUrl, fetch })]), cache: new InMemoryCache({ possibleTypes }) });
    const { data, error } = await client.query({ query: parse(text), variables: { niu: reader.niu } });
    expect(error).toBeUndefined();
    expect(data).toEqual((await byId('CitizenDashboard', { niu: reader.niu }, readerToken))?.data);
    expect(paramsOf(exchanges[0]!).query).toContain('__typename');
  });

  it('still refuses, in production, a document outside the manifest: DOCUMENT_NOT_TRUSTED', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: gateway.graphqlUrl, headers: { authorization: `Bearer ${readerToken}` } }), cache: new InMemoryCache() });
    const refused = await client.query({ query: parse(`query Mine { me { niu firstName } }`) }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(CombinedGraphQLErrors.is(refused) ? refused.errors.map((e) => e.extensions?.code) : refused).toEqual(['DOCUMENT_NOT_TRUSTED']);
  });
});

/** A value without its `__typename`s: MyDashboard (sent without them) and the client's answer compared field for field. */
function stripTypenames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripTypenames);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '__typename')
      .map(([key, v]) => [key, stripTypenames(v)]),
  );
}
