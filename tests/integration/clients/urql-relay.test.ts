import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelayFetch } from '../../../clients/relay/index.js';
import { createGuichetUrqlClient } from '../../../clients/urql/index.js';
import { DossierStatusDocument, MyDashboardDocument, RequestCivilActCopyDocument, trustedDocumentIds } from '../../../clients/generated/graphql.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { productionTokenFor } from '../../support/tokens.js';
import { citizenInAllSystems, testWorld } from '../../support/world.js';
import { paramsOf, recordingFetch } from './recording-fetch.js';

/** The real @urql/core and a Relay network fetch function (clients/urql, clients/relay) against a production gateway. */
const reader = citizenInAllSystems();
const filer = testWorld().persons.find((p) => p.birthDate < '1980-01-01' && p.deathDate === null && p.niu !== reader.niu)!;
let gateway: ExtraGateway;
let readerToken: string;

beforeAll(async () => {
  gateway = await spawnGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS_MODE: 'enforce' });
  readerToken = await productionTokenFor({ role: 'citizen', niu: reader.niu });
});
afterAll(async () => {
  await gateway?.stop();
});

describe('urql against a production gateway', () => {
  it('loads the dashboard over GET by id with the inline fragments’ fields, and files by id over POST', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = createGuichetUrqlClient({ url: gateway.graphqlUrl, accessToken: () => readerToken, fetch });
    const dashboard = await client.query(MyDashboardDocument, {}).toPromise();
    expect(dashboard.error).toBeUndefined();
    const nodes = dashboard.data?.me?.dossiers?.nodes ?? [];
    expect(nodes).toHaveLength(reader.ceet.length + reader.urb.length + reader.rnec.length);
    for (const node of nodes) if (node.__typename === 'ElectricityConnectionRequest') expect(node.meterType).toMatch(/^[A-Z_]+$/);
    expect(exchanges[0]?.method).toBe('GET');
    expect(paramsOf(exchanges[0]!)).toMatchObject({ extensions: { persistedQuery: { sha256Hash: trustedDocumentIds.MyDashboard } } });

    const filerToken = await productionTokenFor({ role: 'citizen', niu: filer.niu });
    const filing = createGuichetUrqlClient({ url: gateway.graphqlUrl, accessToken: () => filerToken, fetch });
    const filed = await filing
      .mutation(RequestCivilActCopyDocument, { input: { applicantNiu: filer.niu, actNumber: filer.birthActNumber, copies: 1 }, idempotencyKey: `urql-${randomUUID()}` })
      .toPromise();
    expect(filed.error).toBeUndefined();
    expect(filed.data?.requestCivilActCopy.reference).toMatch(/^RNEC-/);
    expect(exchanges.at(-1)?.method).toBe('POST');
    expect(exchanges.at(-1)?.body).not.toHaveProperty('query');
  });

  it('is trusted when it falls back to its own printing of the text (no id)', async () => {
    const { fetch, exchanges } = recordingFetch();
    const { Client, fetchExchange } = await import('@urql/core');
    const client = new Client({
      url: gateway.graphqlUrl,
      exchanges: [fetchExchange],
      fetch,
      fetchOptions: { headers: { authorization: `Bearer ${readerToken}`, 'apollo-require-preflight': 'true' } },
    });
    const status = await client.query(DossierStatusDocument, { reference: reader.ceet[0]! }).toPromise();
    expect(status.error).toBeUndefined();
    expect(status.data?.dossier?.reference).toBe(reader.ceet[0]);
    expect(String(paramsOf(exchanges[0]!).query)).toContain('__typename');
  });
});

describe('a Relay network against a production gateway', () => {
  it('sends the persisted id Relay hands it as extensions.persistedQuery, over GET for queries', async () => {
    const { fetch, exchanges } = recordingFetch();
    const relayFetch = createRelayFetch({ url: gateway.graphqlUrl, accessToken: () => readerToken, fetch });
    const response = await relayFetch({ name: 'DossierStatus', operationKind: 'query', id: trustedDocumentIds.DossierStatus, text: null }, { reference: reader.rnec[0]! });
    expect(response.data).toMatchObject({ dossier: { reference: reader.rnec[0] } });
    expect(exchanges[0]?.method).toBe('GET');
    await expect(relayFetch({ name: 'Unknown', operationKind: 'query', id: 'f'.repeat(64) }, {})).rejects.toThrow('PERSISTED_QUERY_NOT_FOUND');
  });
});
