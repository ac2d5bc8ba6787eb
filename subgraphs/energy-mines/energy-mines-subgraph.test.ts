import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minesProcedures } from '../../adapters/mines/index.js';
import { readMinesConfig, seedMinesDossiers, startMinesSimulator, type MinesSimulator } from '../../legacy/mines/index.js';
import { generateWorld, seededCompanies } from '../../legacy/world/index.js';
import { createLogger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { agentPrincipal, citizenPrincipal, postAs, testSubgraphSecret } from '../shared/testing/index.js';
import { readMinistrySubgraphConfig, startMinistrySubgraph } from '../shared/index.js';
import { energyMines } from './index.js';

const world = generateWorld({ seed: 7, scale: 0.05, now: '2026-11-01' });
const dossiers = seedMinesDossiers(world);
const first = dossiers[0]!;
const reference = `MEM-${first.NumeroDossier.replace('/', '-')}`;
const other = dossiers.find((d) => d.NuiDemandeur !== first.NuiDemandeur)!;
const newcomer = world.persons.find((p) => !dossiers.some((d) => d.NuiDemandeur === p.niu) && p.birthDate < '2000-01-01')!;
// A quarry: a site, a mining title, open to citizens and companies alike.
const procedure = minesProcedures.find((p) => p.site && p.mining !== null && p.applicantKinds.includes('CITIZEN'))!;
const companyOnly = minesProcedures.find((p) => !p.site && !p.applicantKinds.includes('CITIZEN'))!;
const [company, otherCompany] = seededCompanies(world);
const manager = company!.representatives[0]!.niu;
const otherManager = otherCompany!.representatives[0]!.niu;
/** A representative as the gateway hands them over: the companies their token says they hold a mandate for. */
const representative = (niu: string, nifs: readonly string[]) => ({ ...citizenPrincipal(niu), companies: nifs });

let sim: MinesSimulator;
let subgraph: RunningService;
const codes = (reply: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => reply.errors?.map((e) => e.extensions?.code);
const submit = `mutation ($input: EnergyMinesApplicationInput!, $key: String!) { submitEnergyMinesApplication(input: $input, idempotencyKey: $key) { reference status procedure { code } substance areaHectares } }`;
const input = { applicantNiu: newcomer.niu, procedureCode: procedure.procedureCode, communeCode: 'KOZAH1', locality: 'Kpéwa', substance: 'SAND', areaHectares: 12 };
const forCompany = { applicantNiu: manager, procedureCode: companyOnly.procedureCode, company: { nif: company!.nif, rccm: company!.rccm } };

beforeAll(async () => {
  sim = await startMinesSimulator(readMinesConfig({ PORT: '0', SEED: '7', SCALE: '0.05', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
  const dir = mkdtempSync(join(tmpdir(), 'guichet-energy-mines-test-'));
  const config = readMinistrySubgraphConfig(energyMines, {
    PORT: '0',
    NODE_ENV: 'test',
    INTERNAL_TOKEN_SECRET: testSubgraphSecret,
    MINES_URL: sim.url,
    MINES_RETRY_MAX_ATTEMPTS: '1',
    MINES_BREAKER_THRESHOLD: '0',
    OUTBOX_PATH: join(dir, 'outbox.sqlite'),
    OUTBOX_POLL_INTERVAL_MS: '50',
  });
  subgraph = await startMinistrySubgraph(energyMines, config, createLogger('energy-mines-test', 'silent'));
});
afterAll(async () => {
  await subgraph?.close();
  await sim?.close();
});

describe('energy-mines subgraph — schema', () => {
  it('owns its dossier type, implementing Dossier, keyed by reference and lookup, and adds the list to Citizen', async () => {
    const sdl = printSubgraphSchema(await energyMines.buildSchema());
    expect(sdl).toMatch(/type EnergyMinesApplication implements Dossier\s+@key\(fields: "reference"\)\s+@key\(fields: "lookup"\)/);
    expect(sdl).toMatch(/energyMinesApplications: \[EnergyMinesApplication!\]/);
    expect(sdl).toMatch(/minesFigures: LegacySystemFigures/);
  });
});

describe('energy-mines subgraph — reads', () => {
  it('gives a citizen their applications and one by reference, and another citizen’s as NOT_FOUND', async () => {
    const list = await postAs<{ _entities: { energyMinesApplications: { reference: string }[] }[] }>(
      subgraph.url,
      citizenPrincipal(first.NuiDemandeur),
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { energyMinesApplications { reference } } } }`,
      { r: [{ __typename: 'Citizen', niu: first.NuiDemandeur }] },
    );
    expect(list.data?._entities[0]?.energyMinesApplications.map((a) => a.reference)).toContain(reference);
    const own = await postAs(subgraph.url, citizenPrincipal(first.NuiDemandeur), `{ energyMinesApplication(reference: "${reference}") { reference status } }`);
    expect(own.data).toMatchObject({ energyMinesApplication: { reference } });
    const theirs = await postAs(subgraph.url, citizenPrincipal(other.NuiDemandeur), `{ energyMinesApplication(reference: "${reference}") { reference } }`);
    expect(codes(theirs)).toEqual(['NOT_FOUND']);
  });

  it('lets the ministry’s agents read its queue and dossiers, and no other ministry’s', async () => {
    const queue = await postAs<{ energyMinesApplicationQueue: { totalCount: number; nodes: unknown[] } }>(
      subgraph.url,
      agentPrincipal('MINES'),
      '{ energyMinesApplicationQueue(pageSize: 5) { totalCount nodes { reference } } }',
    );
    expect(queue.data?.energyMinesApplicationQueue.nodes).toHaveLength(5);
    expect(queue.data?.energyMinesApplicationQueue.totalCount).toBeGreaterThanOrEqual(dossiers.length);
    expect(codes(await postAs(subgraph.url, agentPrincipal('URBAN_PLANNING'), '{ energyMinesApplicationQueue { totalCount } }'))).toContain('FORBIDDEN');
    expect(codes(await postAs(subgraph.url, agentPrincipal('URBAN_PLANNING'), `{ energyMinesApplication(reference: "${reference}") { reference } }`))).toEqual(['NOT_FOUND']);
  });
});

describe('energy-mines subgraph — submissions', () => {
  it('files an application once per idempotency key', async () => {
    const variables = { input, key: 'scaffold-test-0001' };
    const first = await postAs<{ submitEnergyMinesApplication: { reference: string; status: string; procedure: { code: string } } }>(subgraph.url, citizenPrincipal(newcomer.niu), submit, variables);
    expect(first.errors).toBeUndefined();
    expect(first.data?.submitEnergyMinesApplication).toMatchObject({ status: 'SUBMITTED', procedure: { code: procedure.procedureCode }, substance: 'SAND', areaHectares: 12 });
    const again = await postAs<{ submitEnergyMinesApplication: { reference: string } }>(subgraph.url, citizenPrincipal(newcomer.niu), submit, variables);
    expect(again.data?.submitEnergyMinesApplication.reference).toBe(first.data?.submitEnergyMinesApplication.reference);
  });

  it('refuses a mining title without its substance and surface, or with a surface out of bounds', async () => {
    expect(codes(await postAs(subgraph.url, citizenPrincipal(newcomer.niu), submit, { input: { ...input, substance: null }, key: 'scaffold-test-0005' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await postAs(subgraph.url, citizenPrincipal(newcomer.niu), submit, { input: { ...input, areaHectares: 100 }, key: 'scaffold-test-0006' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses another ministry’s procedure and another citizen’s application', async () => {
    expect(codes(await postAs(subgraph.url, citizenPrincipal(newcomer.niu), submit, { input: { ...input, procedureCode: 'URB-PERMIS-CONSTRUIRE' }, key: 'scaffold-test-0002' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await postAs(subgraph.url, citizenPrincipal(first.NuiDemandeur), submit, { input, key: 'scaffold-test-0003' }))).toEqual(['FORBIDDEN']);
  });

  it('queues an application while the system is down, and delivers it once it is back', async () => {
    await fetch(`${sim.url}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ down: true }) });
    const queued = await postAs<{ submitEnergyMinesApplication: { reference: string; status: string } }>(subgraph.url, citizenPrincipal(newcomer.niu), submit, { input, key: 'scaffold-test-0004' });
    expect(queued.data?.submitEnergyMinesApplication).toMatchObject({ status: 'QUEUED' });
    expect(queued.data?.submitEnergyMinesApplication.reference).toMatch(/^GCH-MEM-/);
    await fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
    const guichetReference = queued.data?.submitEnergyMinesApplication.reference ?? '';
    await expect
      .poll(
        async () =>
          (await postAs<{ energyMinesApplication: { status: string } | null }>(subgraph.url, citizenPrincipal(newcomer.niu), `{ energyMinesApplication(reference: "${guichetReference}") { status } }`))
            .data?.energyMinesApplication?.status,
        { timeout: 5_000 },
      )
      .toBe('SUBMITTED');
  });
});

describe('energy-mines subgraph — companies as applicants', () => {
  const read = `query ($r: ID!) { energyMinesApplication(reference: $r) { reference company { nif rccm } companyName applicant { niu } } }`;
  const submitCompany = `mutation ($input: EnergyMinesApplicationInput!, $key: String!) { submitEnergyMinesApplication(input: $input, idempotencyKey: $key) { reference status company { nif rccm } companyName applicant { niu } } }`;

  it('files a company-only procedure for the company its representative holds a mandate for, readable by its representatives only', async () => {
    const filed = await postAs<{ submitEnergyMinesApplication: { reference: string; company: unknown } }>(subgraph.url, representative(manager, [company!.nif]), submitCompany, {
      input: forCompany,
      key: 'company-test-0001',
    });
    expect(filed.errors).toBeUndefined();
    expect(filed.data?.submitEnergyMinesApplication).toMatchObject({
      status: 'SUBMITTED',
      company: { nif: company!.nif, rccm: company!.rccm },
      companyName: company!.name,
      applicant: { niu: manager },
    });
    const reference = filed.data!.submitEnergyMinesApplication.reference;
    // Another representative of the same company reads it; the filer who no longer holds the mandate, another
    // company's representative, another citizen do not (answered as a dossier that does not exist).
    const colleague = representative(otherManager, [otherCompany!.nif, company!.nif]);
    expect((await postAs(subgraph.url, colleague, read, { r: reference })).data).toMatchObject({ energyMinesApplication: { reference, company: { nif: company!.nif } } });
    expect(codes(await postAs(subgraph.url, citizenPrincipal(manager), read, { r: reference }))).toEqual(['NOT_FOUND']);
    expect(codes(await postAs(subgraph.url, representative(otherManager, [otherCompany!.nif]), read, { r: reference }))).toEqual(['NOT_FOUND']);
    expect(codes(await postAs(subgraph.url, citizenPrincipal(newcomer.niu), read, { r: reference }))).toEqual(['NOT_FOUND']);
    // The ministry's agents as for any dossier.
    expect((await postAs(subgraph.url, agentPrincipal('MINES'), read, { r: reference })).data).toMatchObject({ energyMinesApplication: { reference } });
    // Not among the filer's own applications.
    const own = await postAs<{ _entities: { energyMinesApplications: { reference: string }[] }[] }>(
      subgraph.url,
      representative(manager, [company!.nif]),
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { energyMinesApplications { reference } } } }`,
      { r: [{ __typename: 'Citizen', niu: manager }] },
    );
    expect(own.data?._entities[0]?.energyMinesApplications.map((a) => a.reference)).not.toContain(reference);
  });

  it('refuses a company-only procedure filed in one’s own name, and a citizen-only one filed for a company (BAD_USER_INPUT, in French)', async () => {
    const asPerson = await postAs(subgraph.url, representative(manager, [company!.nif]), submitCompany, { input: { ...forCompany, company: null }, key: 'company-test-0002' });
    expect(codes(asPerson)).toEqual(['BAD_USER_INPUT']);
    expect(asPerson.errors?.[0]?.message).toMatch(/réservée aux sociétés/);
  });

  it('refuses a company the caller does not represent (FORBIDDEN), and malformed identifiers (BAD_USER_INPUT naming the field)', async () => {
    const stranger = await postAs(subgraph.url, representative(manager, [company!.nif]), submitCompany, {
      input: { ...forCompany, company: { nif: otherCompany!.nif, rccm: otherCompany!.rccm } },
      key: 'company-test-0003',
    });
    expect(codes(stranger)).toEqual(['FORBIDDEN']);
    expect(stranger.errors?.[0]?.message).toMatch(/Vous ne représentez pas la société/);
    const malformed = await postAs(subgraph.url, representative(manager, [company!.nif]), submitCompany, {
      input: { ...forCompany, company: { nif: '1000000017', rccm: 'TG-LOM-2019-A-01234' } },
      key: 'company-test-0004',
    });
    expect(codes(malformed)).toEqual(['BAD_USER_INPUT']);
    const fields = (malformed.errors?.[0]?.extensions?.fields ?? []) as { path: (string | number)[]; message: string }[];
    expect(fields.map((f) => f.path.join('.'))).toEqual(['input.company.nif', 'input.company.rccm']);
    expect(fields[0]?.message).toMatch(/clé de contrôle/);
  });

  it('passes on SIGEM’s own refusal of a company it does not know under that RCCM, and files nothing', async () => {
    const wrongRccm = await postAs(subgraph.url, representative(manager, [company!.nif]), submitCompany, {
      input: { ...forCompany, company: { nif: company!.nif, rccm: otherCompany!.rccm } },
      key: 'company-test-0005',
    });
    expect(codes(wrongRccm)).toEqual(['BAD_USER_INPUT']);
    expect(wrongRccm.errors?.[0]?.message).toMatch(/Aucune société/);
    expect(wrongRccm.errors?.[0]?.extensions?.system).toBe('mines');
  });
});
