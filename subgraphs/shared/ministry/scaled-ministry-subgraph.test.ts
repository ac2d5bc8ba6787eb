import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minesProcedures } from '../../../adapters/mines/index.js';
import { readMinesConfig, seedMinesDossiers, startMinesSimulator, type MinesSimulator } from '../../../legacy/mines/index.js';
import { generateWorld } from '../../../legacy/world/index.js';
import { createLogger } from '../../../lib/log/index.js';
import { createPgPool, type PgPool } from '../../../lib/postgres/index.js';
import type { RunningService } from '../../../lib/service/index.js';
import { startPostgresServer, type PostgresServer } from '../../../scripts/servers/index.js';
import { energyMines } from '../../energy-mines/index.js';
import { citizenPrincipal, postAs, testSubgraphSecret } from '../testing/index.js';
import { readMinistrySubgraphConfig } from './read-ministry-subgraph-config.js';
import { startMinistrySubgraph } from './start-ministry-subgraph.js';

// Two replicas of one ministry subgraph on one PostgreSQL: what one accepted or read, the other knows.
const world = generateWorld({ seed: 7, scale: 0.05, now: '2026-11-01' });
const dossiers = seedMinesDossiers(world);
const first = dossiers[0]!;
const reference = `MEM-${first.NumeroDossier.replace('/', '-')}`;
const newcomer = world.persons.find((p) => !dossiers.some((d) => d.NuiDemandeur === p.niu) && p.birthDate < '2000-01-01')!;
// A quarry: a site and a mining title, open to citizens.
const procedure = minesProcedures.find((p) => p.site && p.mining !== null && p.applicantKinds.includes('CITIZEN'))!;
const input = { applicantNiu: newcomer.niu, procedureCode: procedure.procedureCode, communeCode: 'KOZAH1', locality: 'Kpéwa', substance: 'SAND', areaHectares: 12 };
const submit = `mutation ($input: EnergyMinesApplicationInput!, $key: String!) { submitEnergyMinesApplication(input: $input, idempotencyKey: $key) { reference status } }`;
type Submitted = { submitEnergyMinesApplication: { reference: string; status: string } };
const codes = (reply: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => reply.errors?.map((e) => e.extensions?.code);

let postgres: PostgresServer;
let sim: MinesSimulator;
let pool: PgPool;
let replicas: RunningService[] = [];
const baseOf = (replica: RunningService) => replica.url.replace(/\/graphql$/, '');
const setLegacy = (body: object) => fetch(`${sim.url}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const legacyUp = () => fetch(`${sim.url}/__admin/reset`, { method: 'POST' });
/** Filings that reached the simulator (`deposerDossier`: its one non-idempotent POST). */
const legacyCreates = () => sim.control.calls.snapshot().deposerDossier ?? 0;

beforeAll(async () => {
  postgres = await startPostgresServer();
  const url = await postgres.createDatabase('mines_scaled');
  pool = createPgPool({ url, applicationName: 'scaled-test', max: 2 });
  sim = await startMinesSimulator(readMinesConfig({ PORT: '0', SEED: '7', SCALE: '0.05', SEED_NOW: '2026-11-01', LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' }));
  const config = readMinistrySubgraphConfig(energyMines, {
    PORT: '0',
    NODE_ENV: 'test',
    INTERNAL_TOKEN_SECRET: testSubgraphSecret,
    MINES_URL: sim.url,
    MINES_RETRY_MAX_ATTEMPTS: '1',
    MINES_BREAKER_THRESHOLD: '0',
    OUTBOX_POLL_INTERVAL_MS: '50',
    DATABASE_URL: url,
    DATABASE_POOL_MAX: '4',
  });
  // Started together: both apply the migrations, once.
  replicas = await Promise.all(['a', 'b'].map((replica) => startMinistrySubgraph(energyMines, config, createLogger(`energy-mines-${replica}`, 'silent'))));
});
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
  await pool?.end();
  await sim?.close();
  await postgres?.destroy();
});

describe('a ministry subgraph in scaled mode (two replicas, one PostgreSQL)', () => {
  it('files one application per idempotency key whichever replicas get it, and refuses the key for other data', async () => {
    const [a, b] = replicas as [RunningService, RunningService];
    const creates = legacyCreates();
    const variables = { input, key: 'scaled-test-0001' };
    const replies = await Promise.all([a, b, a, b].map((replica) => postAs<Submitted>(replica.url, citizenPrincipal(newcomer.niu), submit, variables)));
    expect(replies.map((reply) => reply.errors)).toEqual([undefined, undefined, undefined, undefined]);
    const references = new Set(replies.map((reply) => reply.data?.submitEnergyMinesApplication.reference));
    // Answered SUBMITTED under the ministry's reference or QUEUED under Guichet's (a replica that found the other's row leased).
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_submissions`);
    expect(rows[0]?.n).toBe(1);
    expect(references.size).toBeLessThanOrEqual(2);
    await expect.poll(async () => (await pool.query<{ state: string }>('SELECT state FROM outbox_submissions')).rows[0]?.state, { timeout: 10_000 }).toBe('delivered');
    expect(legacyCreates() - creates).toBe(1);

    const conflict = await postAs(b.url, citizenPrincipal(newcomer.niu), submit, { input: { ...input, areaHectares: 13 }, key: 'scaled-test-0001' });
    expect(codes(conflict)).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it('lets replica B serve, stale, the dossier replica A read before the ministry went down', async () => {
    const [a, b] = replicas as [RunningService, RunningService];
    const read = (replica: RunningService) =>
      postAs<{ energyMinesApplication: { reference: string; stale: boolean } | null }>(
        replica.url,
        citizenPrincipal(first.NuiDemandeur),
        `{ energyMinesApplication(reference: "${reference}") { reference stale } }`,
      );
    expect((await read(a)).data?.energyMinesApplication).toEqual({ reference, stale: false });
    // Written behind A's answer: wait until it is in PostgreSQL.
    await expect.poll(async () => (await pool.query('SELECT 1 FROM last_known_records WHERE key = $1', [reference])).rowCount, { timeout: 10_000 }).toBe(1);
    await setLegacy({ down: true });
    try {
      expect((await read(b)).data?.energyMinesApplication).toEqual({ reference, stale: true });
    } finally {
      await legacyUp();
    }
  });

  it('shows its stores in /ready and /metrics', async () => {
    const [a] = replicas as [RunningService];
    const ready = (await (await fetch(`${baseOf(a)}/ready`)).json()) as { stores: { store: string; engine: string; up: boolean }[] };
    expect(ready.stores.map(({ store, engine, up }) => ({ store, engine, up }))).toEqual([
      { store: 'outbox', engine: 'postgres', up: true },
      { store: 'last-known', engine: 'postgres', up: true },
    ]);
    const metrics = await (await fetch(`${baseOf(a)}/metrics`)).text();
    expect(metrics).toMatch(/guichet_store_up\{store="outbox",engine="postgres"[^}]*\} 1/);
  });

  // Last: it stops the file's PostgreSQL.
  it('fails filing closed while PostgreSQL is down, then delivers what waited once it is back, by itself', async () => {
    const [a, b] = replicas as [RunningService, RunningService];
    await setLegacy({ down: true });
    const queued = await postAs<Submitted>(a.url, citizenPrincipal(newcomer.niu), submit, { input, key: 'scaled-test-0002' });
    expect(queued.data?.submitEnergyMinesApplication.status).toBe('QUEUED');
    const creates = legacyCreates();

    await postgres.stop('fast');
    const refused = await postAs<Submitted>(b.url, citizenPrincipal(newcomer.niu), submit, { input, key: 'scaled-test-0003' });
    expect(codes(refused)).toEqual(['BACKEND_UNAVAILABLE']);
    expect(refused.errors?.[0]?.message).toMatch(/ne peuvent pas être enregistrées/);
    const ready = (await (await fetch(`${baseOf(b)}/ready`)).json()) as { status: string; stores: { store: string; up: boolean }[] };
    expect(ready.status).toBe('degraded');
    expect(ready.stores.find((s) => s.store === 'outbox')?.up).toBe(false);

    await legacyUp();
    await postgres.start();
    const guichetReference = queued.data?.submitEnergyMinesApplication.reference ?? '';
    await expect
      .poll(async () => (await pool.query<{ state: string }>('SELECT state FROM outbox_submissions WHERE external_reference = $1', [guichetReference]).catch(() => ({ rows: [] }))).rows[0]?.state, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe('delivered');
    expect(legacyCreates() - creates).toBe(1);
    // Nothing of the refused filing was kept: its retry is a new, successful filing.
    const retried = await postAs<Submitted>(b.url, citizenPrincipal(newcomer.niu), submit, { input, key: 'scaled-test-0003' });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.submitEnergyMinesApplication.status).toBe('SUBMITTED');
  });
});
