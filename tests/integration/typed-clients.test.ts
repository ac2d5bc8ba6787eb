import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMobileClient, dossierStatus, procedureCatalogue } from '../../clients/examples/mobile-status.js';
import { createPortalClient, loadCatalogue, loadMyDashboard, requestCivilActCopy } from '../../clients/examples/portal.js';
import { trustedDocumentIds, type DossierStatus } from '../../clients/generated/graphql.js';
import { spawnGateway, type ExtraGateway } from '../support/spawn-gateway.js';
import { citizenToken, productionTokenFor } from '../support/tokens.js';
import { citizenInAllSystems, testWorld } from '../support/world.js';

/** The example clients (clients/examples), typed by the generated documents, against the live stack. */
interface Exchange {
  readonly method: string;
  readonly url: URL;
  readonly body: Record<string, unknown> | undefined;
  readonly cacheControl: string | null;
}

/** A fetch that records what the client sent and what caching the gateway allowed: the clients take it as an option. */
function recordingFetch(): { fetch: typeof fetch; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    exchanges.push({ method: init?.method ?? 'GET', url: new URL(String(input)), body, cacheControl: response.headers.get('cache-control') });
    return response;
  };
  return { fetch: recording, exchanges };
}

const reader = citizenInAllSystems();
const filer = testWorld().persons.find((p) => p.birthDate < '1990-01-01' && p.deathDate === null)!;
const statuses: readonly DossierStatus[] = ['QUEUED', 'SUBMITTED', 'IN_PROGRESS', 'ACTION_REQUIRED', 'APPROVED', 'COMPLETED', 'REJECTED'];
let readerToken: string;
let filerToken: string;

beforeAll(async () => {
  readerToken = await citizenToken(reader.niu);
  filerToken = await citizenToken(filer.niu);
});

describe('portal example (urql, trusted documents by id over POST)', () => {
  it('loads the signed-in citizen’s dashboard, sending an id and no document text', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = createPortalClient({ url: inject('gatewayUrl'), accessToken: () => readerToken, fetch });
    const me = await loadMyDashboard(client);
    expect(me?.niu).toBe(reader.niu);
    expect(me?.dossiers?.totalCount).toBe(reader.ceet.length + reader.urb.length + reader.rnec.length);
    for (const node of me?.dossiers?.nodes ?? []) {
      expect(statuses).toContain(node.status);
      expect(node.procedure?.ministryName.length).toBeGreaterThan(0);
    }
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.method).toBe('POST');
    expect(exchanges[0]?.body).toMatchObject({ operationName: 'MyDashboard', extensions: { persistedQuery: { version: 1, sha256Hash: trustedDocumentIds.MyDashboard } } });
    expect(exchanges[0]?.body).not.toHaveProperty('query');
  });

  it('files a copy request once per idempotency key', async () => {
    const client = createPortalClient({ url: inject('gatewayUrl'), accessToken: () => filerToken });
    const key = `portal-${randomUUID()}`;
    const input = { applicantNiu: filer.niu, actNumber: filer.birthActNumber, copies: 1 };
    const first = await requestCivilActCopy(client, input, key);
    expect(first.reference).toMatch(/^RNEC-/);
    expect(first.actNumber).toBe(filer.birthActNumber);
    expect((await requestCivilActCopy(client, input, key)).reference).toBe(first.reference);
  });

  it('reads the catalogue', async () => {
    const client = createPortalClient({ url: inject('gatewayUrl'), accessToken: () => readerToken });
    expect((await loadCatalogue(client)).map((p) => p.code)).toContain('CEET-RACCORDEMENT-BT');
  });
});

describe('mobile status example (urql + @urql/exchange-persisted, GET by id)', () => {
  it('polls a dossier’s normalized status with a GET carrying the id and no document', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = createMobileClient({ url: inject('gatewayUrl'), accessToken: () => readerToken, fetch });
    const reference = reader.ceet[0]!;
    const dossier = await dossierStatus(client, reference);
    expect(dossier?.reference).toBe(reference);
    expect(statuses).toContain(dossier?.status);
    const [exchange] = exchanges;
    expect(exchange?.method).toBe('GET');
    expect(exchange?.url.searchParams.has('query')).toBe(false);
    expect(JSON.parse(exchange?.url.searchParams.get('extensions') ?? '{}')).toEqual({ persistedQuery: { version: 1, sha256Hash: trustedDocumentIds.DossierStatus } });
    expect(JSON.parse(exchange?.url.searchParams.get('variables') ?? '{}')).toEqual({ reference });
    // Personal data: never kept by a shared cache; the app's own cache revalidates it (ETag per caller, docs/http.md).
    expect(exchange?.cacheControl).toBe('private, no-cache');
  });

  it('gets the catalogue by GET, HTTP-cacheable because it is public', async () => {
    const { fetch, exchanges } = recordingFetch();
    const client = createMobileClient({ url: inject('gatewayUrl'), fetch });
    expect((await procedureCatalogue(client)).length).toBeGreaterThan(0);
    expect(exchanges[0]?.method).toBe('GET');
    expect(exchanges[0]?.cacheControl).toMatch(/^public, max-age=\d+$/);
  });

  it('answers null for a dossier that is not the citizen’s', async () => {
    const client = createMobileClient({ url: inject('gatewayUrl'), accessToken: () => filerToken });
    const someoneElses = reader.urb[0]!;
    await expect(dossierStatus(client, someoneElses)).resolves.toBeNull();
  });
});

describe('the examples against a production gateway (trusted documents enforced)', () => {
  let gateway: ExtraGateway;
  beforeAll(async () => {
    gateway = await spawnGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS_MODE: 'enforce' });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('work unchanged: they only ever send ids of trusted documents', async () => {
    // A production gateway refuses the development IdP's tokens: the reader's token as a production provider issues it.
    const productionToken = await productionTokenFor({ role: 'citizen', niu: reader.niu });
    const portal = createPortalClient({ url: gateway.graphqlUrl, accessToken: () => productionToken });
    expect((await loadMyDashboard(portal))?.niu).toBe(reader.niu);
    const mobile = createMobileClient({ url: gateway.graphqlUrl, accessToken: () => productionToken });
    expect((await dossierStatus(mobile, reader.rnec[0]!))?.reference).toBe(reader.rnec[0]);
  });
});
