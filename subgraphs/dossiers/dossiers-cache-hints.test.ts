import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { ProcedureCode } from '../../schema/index.js';
import { agentPrincipal, anonymous, citizenPrincipal, postAs, testSubgraphSecret } from '../shared/testing/index.js';
import { readDossiersConfig } from './config.js';
import { startDossiersSubgraph } from './start-dossiers-subgraph.js';

const subgraphs: RunningService[] = [];
async function startSubgraph(env: NodeJS.ProcessEnv = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-dossiers-test-'));
  const config = readDossiersConfig({ PORT: '0', NODE_ENV: 'test', INTERNAL_TOKEN_SECRET: testSubgraphSecret, AUDIT_LOG_PATH: join(dir, 'audit.jsonl'), ...env });
  const subgraph = await startDossiersSubgraph(config, createLogger('dossiers-test', 'silent'));
  subgraphs.push(subgraph);
  return subgraph.url;
}

let url: string;
beforeAll(async () => {
  url = await startSubgraph();
});
afterAll(() => Promise.all(subgraphs.map((s) => s.close())));

const niu = '123456789012';
const cacheControl = async (query: string, variables: Record<string, unknown> = {}, principal = anonymous, at = url) => {
  const reply = await postAs(at, principal, query, variables);
  return { header: reply.headers.get('cache-control'), errors: reply.errors };
};

describe('dossiers cache hints, over HTTP', () => {
  it('the catalogue is public for 5 minutes: procedures, procedure(code), Procedure by reference', async () => {
    expect(await cacheControl(`{ procedures { code title ministry feeFcfa legalDelayDays requiredDocuments } }`)).toEqual({ header: 'max-age=300, public', errors: undefined });
    // Its object fields (documents by kind, the handling body) are the catalogue's too.
    expect(await cacheControl(`{ procedures { code documents { kind label detail } handlingBody { code name } applicantKinds } }`)).toEqual({ header: 'max-age=300, public', errors: undefined });
    expect(await cacheControl(`query($c: ID!) { procedure(code: $c) { code title } }`, { c: ProcedureCode.BUILDING_PERMIT })).toEqual({ header: 'max-age=300, public', errors: undefined });
    expect(
      await cacheControl(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Procedure { code title feeFcfa } } }`, {
        r: [{ __typename: 'Procedure', code: ProcedureCode.BIRTH_ACT_COPY }],
      }),
    ).toEqual({
      header: 'max-age=300, public',
      errors: undefined,
    });
  });

  it('an unknown procedure (an error) is no-store', async () => {
    const reply = await cacheControl(`{ procedure(code: "INCONNUE") { code } }`);
    expect(reply.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(reply.header).toBe('no-store');
  });

  it('dossier(reference) — which ministry, which lookup key, no status — is kept per caller; a bad reference is not', async () => {
    const stub = await cacheControl(`{ dossier(reference: "CEET-2026-000001") { __typename ... on ElectricityConnectionRequest { lookup } } }`, {}, agentPrincipal('ENERGY'));
    expect(stub).toEqual({ header: 'max-age=60, private', errors: undefined });
    const bad = await cacheControl(`{ dossier(reference: "XYZ-1") { __typename } }`, {}, agentPrincipal('ENERGY'));
    expect(bad.header).toBe('no-store');
  });

  it('the access log is no-store, and so is anything public asked with it; a citizen’s page of dossiers is derived from the lists, bound to its request', async () => {
    const accessLog = await cacheControl(`{ procedures { code } me { accessLog { at kind } } }`, {}, citizenPrincipal(niu));
    expect(accessLog).toEqual({ header: 'no-store', errors: undefined });
    expect(await cacheControl(`{ me { niu } }`, {}, citizenPrincipal(niu))).toEqual({ header: 'max-age=60, private', errors: undefined });
    const dossiers = await cacheControl(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { dossiers(first: 5) { totalCount } } } }`,
      { r: [{ __typename: 'Citizen', niu, electricityRequests: [], buildingPermitApplications: [], civilActCopyRequests: [] }] },
      citizenPrincipal(niu),
    );
    // As cacheable as the lists it is computed from (their own hints and proofs): only within a whole response.
    expect(dossiers).toEqual({ header: 'max-age=300, private', errors: undefined });
    const bound = await postAs(
      url,
      citizenPrincipal(niu),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { dossiers(first: 5) { totalCount nodes { __typename } pageInfo { hasNextPage } } } } }`,
      {
        r: [{ __typename: 'Citizen', niu, electricityRequests: [], buildingPermitApplications: [], civilActCopyRequests: [], energyMinesApplications: [] }],
      },
    );
    expect(bound.errors).toBeUndefined();
    expect([bound.headers.get('cache-control'), bound.headers.get('guichet-cache-bound'), bound.headers.get('guichet-cache-proof')]).toEqual(['max-age=300, private', 'request', null]);
  });

  it('CACHE_PUBLIC_MAX_AGE_S sets the max-age; 0 turns it off', async () => {
    const [shorter, off] = await Promise.all([startSubgraph({ CACHE_PUBLIC_MAX_AGE_S: '30' }), startSubgraph({ CACHE_PUBLIC_MAX_AGE_S: '0' })]);
    expect((await cacheControl(`{ procedures { code } }`, {}, anonymous, shorter)).header).toBe('max-age=30, public');
    expect((await cacheControl(`{ procedures { code } }`, {}, anonymous, off)).header).toBe('no-store');
    expect(() => readDossiersConfig({ CACHE_PUBLIC_MAX_AGE_S: 'soon' })).toThrow(/CACHE_PUBLIC_MAX_AGE_S/);
  });
});
