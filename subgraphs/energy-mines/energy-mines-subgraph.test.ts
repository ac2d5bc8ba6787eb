import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minesProcedures } from '../../adapters/mines/index.js';
import { readMinesConfig, seedMinesDossiers, startMinesSimulator, type MinesSimulator } from '../../legacy/mines/index.js';
import { generateWorld } from '../../legacy/world/index.js';
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
const procedure = minesProcedures.find((p) => p.site) ?? minesProcedures[0]!;

let sim: MinesSimulator;
let subgraph: RunningService;
const codes = (reply: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => reply.errors?.map((e) => e.extensions?.code);
const submit = `mutation ($input: EnergyMinesApplicationInput!, $key: String!) { submitEnergyMinesApplication(input: $input, idempotencyKey: $key) { reference status procedure { code } substance areaHectares } }`;
const input = { applicantNiu: newcomer.niu, procedureCode: procedure.procedureCode, communeCode: 'KOZAH1', locality: 'Kpéwa', substance: 'GOLD', areaHectares: 1_200 };

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
  it('owns its dossier type, keyed by reference and lookup, and adds the list to Citizen', async () => {
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
    expect(first.data?.submitEnergyMinesApplication).toMatchObject({ status: 'SUBMITTED', procedure: { code: procedure.procedureCode }, substance: 'GOLD', areaHectares: 1_200 });
    const again = await postAs<{ submitEnergyMinesApplication: { reference: string } }>(subgraph.url, citizenPrincipal(newcomer.niu), submit, variables);
    expect(again.data?.submitEnergyMinesApplication.reference).toBe(first.data?.submitEnergyMinesApplication.reference);
  });

  it('refuses a mining title without its substance and surface, or with a surface out of bounds', async () => {
    expect(codes(await postAs(subgraph.url, citizenPrincipal(newcomer.niu), submit, { input: { ...input, substance: null }, key: 'scaffold-test-0005' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await postAs(subgraph.url, citizenPrincipal(newcomer.niu), submit, { input: { ...input, areaHectares: 10 }, key: 'scaffold-test-0006' }))).toEqual(['BAD_USER_INPUT']);
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
