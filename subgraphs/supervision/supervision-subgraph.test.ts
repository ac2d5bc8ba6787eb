import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCeetSimulatorConfig, startCeetSimulator, type CeetSimulator } from '../../legacy/ceet/index.js';
import { startRnecSimulator, type RunningRnecSimulator } from '../../legacy/rnec/index.js';
import { readMinesConfig, seedMinesDossiers, startMinesSimulator, type MinesSimulator } from '../../legacy/mines/index.js';
import { readUrbanismeConfig, startUrbanismeSimulator, type UrbanismeSimulator } from '../../legacy/urbanisme/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { createLogger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { agentPrincipal, citizenPrincipal, postAs, testSubgraphSecret } from '../shared/testing/index.js';
import type { Principal } from '../../auth/index.js';
import { readSupervisionConfig } from './config.js';
import { loadFeedSources } from './ingestion/index.js';
import { startSupervisionSubgraph } from './start-supervision-subgraph.js';
import { noFaults } from '../../legacy/shared/index.js';
import { startPostgresServer, type PostgresServer } from '../../scripts/servers/index.js';

/** The subgraph over real simulators (small world): readiness, the API's rules, a restart from the store. */
const world = { seed: 11, scale: 0.02, now: '2026-11-01' };
const dossiers = (() => {
  const w = generateWorld(world);
  return w.copyRequests.length + w.electricityRequests.length + w.permitApplications.length + seedMinesDossiers(w).length;
})();
const supervisor: Principal = { subject: 'sup-1', role: 'supervisor', scopes: ['supervisor', 'supervision:read'], clientId: 'console-supervision' };
const log = createLogger('supervision-test', 'silent');
/** Every ministry's feed, loaded by name from the registry (as main.ts does). */
const feedSources = await loadFeedSources();

let rnec: RunningRnecSimulator;
let ceet: CeetSimulator;
let urbanisme: UrbanismeSimulator;
let mines: MinesSimulator;
const storePath = join(mkdtempSync(join(tmpdir(), 'guichet-supervision-')), 'read-model.sqlite');
const running: RunningService[] = [];

async function startSubgraph(extraEnv: Record<string, string> = {}): Promise<{ url: string; service: RunningService }> {
  const config = readSupervisionConfig(
    {
      PORT: '0',
      NODE_ENV: 'test',
      INTERNAL_TOKEN_SECRET: testSubgraphSecret,
      RNEC_URL: rnec.url,
      CEET_URL: ceet.url,
      CEET_API_KEY: 'k',
      URBANISME_URL: urbanisme.url,
      MINES_URL: mines.url,
      SUPERVISION_POLL_MS: '100',
      SUPERVISION_FEED_TIMEOUT_MS: '2000',
      SUPERVISION_STORE_PATH: storePath,
      // A down system answers at once: no retry, no breaker in the way.
      RNEC_RETRY_MAX_ATTEMPTS: '1',
      RNEC_BREAKER_THRESHOLD: '0',
      ...extraEnv,
    },
    feedSources,
  );
  const service = await startSupervisionSubgraph(config, log);
  running.push(service);
  return { url: service.url, service };
}

const rnecDown = (down: boolean) => fetch(`${rnec.baseUrl}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ down }) });
const ready = async (url: string) =>
  (await fetch(url.replace(/\/graphql$/, '/ready'))).json() as Promise<{ status: string; dossiers: number; feeds: Record<string, { loaded: boolean; lastFailureCode: string | null }> }>;
async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i += 1) {
    const value = await probe();
    if (done(value) || i > 100) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const overview = `query($filter: SupervisionFilter) { supervision(filter: $filter) { incomplete unavailableSystems totals { total } byMinistry { ministry figures { total } } } }`;
type Reply = { supervision: { incomplete: boolean; unavailableSystems: string[]; totals: { total: number }; byMinistry: { ministry: string; figures: { total: number } }[] } };

beforeAll(async () => {
  const env = { PORT: '0', SEED: String(world.seed), SCALE: String(world.scale), SEED_NOW: world.now, LATENCY_MEDIAN_MS: '0', LATENCY_P95_MS: '0' };
  [rnec, ceet, urbanisme, mines] = await Promise.all([
    startRnecSimulator({ host: '127.0.0.1', port: 0, world, faults: noFaults, latency: { medianMs: 0, p95Ms: 0 } }),
    startCeetSimulator(readCeetSimulatorConfig({ ...env, CEET_API_KEY: 'k' })),
    startUrbanismeSimulator(readUrbanismeConfig(env)),
    startMinesSimulator(readMinesConfig(env)),
  ]);
});
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
  await Promise.all([rnec?.close(), ceet?.close(), urbanisme?.close(), mines?.close()]);
});

describe('supervision subgraph', () => {
  let url = '';

  it('is degraded, with partial figures, while a system’s initial load cannot be done; ready once it is', async () => {
    await rnecDown(true);
    ({ url } = await startSubgraph());
    const degraded = await until(
      () => ready(url),
      (r) => r.feeds.ceet?.loaded === true && r.feeds.urbanisme?.loaded === true && r.feeds.mines?.loaded === true && r.feeds.rnec?.lastFailureCode !== null,
    );
    expect(degraded).toMatchObject({ status: 'degraded', feeds: { rnec: { loaded: false, lastFailureCode: 'BACKEND_UNAVAILABLE' } } });
    const partial = await postAs<Reply>(url, supervisor, overview);
    expect(partial.data?.supervision).toMatchObject({ incomplete: true, unavailableSystems: ['rnec'] });
    expect(partial.data?.supervision.byMinistry.map((m) => m.ministry).sort()).toEqual(['ENERGY', 'MINES', 'URBAN_PLANNING']);
    await rnecDown(false);
    expect(
      await until(
        () => ready(url),
        (r) => r.status === 'ready',
      ),
    ).toMatchObject({ status: 'ready', dossiers });
    const full = await postAs<Reply>(url, supervisor, overview);
    expect(full.data?.supervision).toMatchObject({ incomplete: false, unavailableSystems: [], totals: { total: dossiers } });
  });

  it('refuses anyone without supervision:read', async () => {
    for (const principal of [citizenPrincipal('123456789012'), agentPrincipal('ENERGY')]) {
      const reply = await postAs(url, principal, overview);
      expect(reply.data?.supervision ?? null).toBeNull();
      expect(reply.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it.each([
    ['an unknown procedure', { procedure: 'INCONNUE' }, 'Aucune démarche'],
    ['a period that ends before it starts', { from: '2026-10-02', to: '2026-10-01' }, 'précéder'],
    ['a period of more than ten years', { from: '2010-01-01', to: '2026-10-01' }, 'dépasser'],
    ['a malformed commune code', { commune: 'golfe 1' }, 'commune'],
  ])('answers BAD_USER_INPUT, in French, to %s', async (_case, filter, words) => {
    const reply = await postAs(url, supervisor, overview, { filter });
    expect(reply.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(reply.errors?.[0]?.message).toContain(words);
  });

  it('resumes from its store after a restart: every system loaded at once, even one that is down', async () => {
    await running.pop()?.close();
    await rnecDown(true);
    try {
      const restarted = await startSubgraph();
      const status = await ready(restarted.url);
      expect(status).toMatchObject({ dossiers, feeds: { rnec: { loaded: true }, ceet: { loaded: true }, urbanisme: { loaded: true }, mines: { loaded: true } } });
      const reply = await postAs<Reply>(restarted.url, supervisor, overview);
      expect(reply.data?.supervision.totals.total).toBe(dossiers);
    } finally {
      await rnecDown(false);
    }
  });
});

describe('supervision subgraph in scaled mode (DATABASE_URL)', () => {
  let postgres: PostgresServer | undefined;
  afterAll(async () => {
    await postgres?.destroy();
  });
  const metrics = async (url: string) => (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  type ScaledReady = { status: string; dossiers: number; leader: boolean; stores: { store: string; engine: string; up: boolean }[] };

  it('two replicas on one PostgreSQL: one leads, both answer the same figures, /ready and /metrics say which leads', async () => {
    postgres = await startPostgresServer();
    const env = { DATABASE_URL: await postgres.createDatabase('supervision_subgraph'), SUPERVISION_LEADER_LEASE_MS: '1000' };
    const first = await startSubgraph(env);
    const second = await startSubgraph(env);
    const states = async () => (await Promise.all([first.url, second.url].map((url) => ready(url)))) as unknown as ScaledReady[];
    const settled = await until(states, (both) => both.every((r) => r.status === 'ready' && r.dossiers === dossiers));
    expect(settled.map((r) => r.leader)).toEqual([true, false]);
    for (const r of settled) expect(r.stores).toEqual([expect.objectContaining({ store: 'supervision-read-model', engine: 'postgres', up: true })]);
    const replies = await Promise.all([first.url, second.url].map((url) => postAs<Reply>(url, supervisor, overview)));
    expect(replies[1]?.data).toEqual(replies[0]?.data);
    expect(replies[0]?.data?.supervision.totals.total).toBe(dossiers);
    expect(await metrics(first.url)).toMatch(/^guichet_supervision_leader\{[^}]*\} 1$/m);
    expect(await metrics(second.url)).toMatch(/^guichet_supervision_leader\{[^}]*\} 0$/m);
    expect(await metrics(second.url)).toMatch(/^guichet_store_up\{[^}]*store="supervision-read-model"[^}]*\} 1$/m);
    // The leader stops: the other takes over.
    running.splice(running.indexOf(first.service), 1);
    await first.service.close();
    const after = await until(
      () => ready(second.url) as unknown as Promise<ScaledReady>,
      (r) => r.leader,
    );
    expect(after).toMatchObject({ status: 'ready', leader: true, dossiers });
    expect(await metrics(second.url)).toMatch(/^guichet_supervision_leader\{[^}]*\} 1$/m);
  });
});

describe('supervision config', () => {
  it('has defaults: a poll every 2 s, a minute of overlap, the store under .data/supervision', () => {
    const config = readSupervisionConfig({}, feedSources);
    expect(config).toMatchObject({ pollIntervalMs: 2_000, overlapMs: 60_000 });
    expect(config.server.PORT).toBe(4105);
    expect(config.storePath).toMatch(/\.data\/supervision\/read-model\.sqlite$/);
    // Feed reads get their own time and size budget, not the ministries' per-call ones.
    expect(config.feeds.find((feed) => feed.system === 'rnec')?.options).toMatchObject({ timeoutMs: 60_000, maxResponseBytes: 100_000_000 });
    expect(readSupervisionConfig({ SUPERVISION_STORE_PATH: ':memory:' }, feedSources).storePath).toBe(':memory:');
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => readSupervisionConfig({ SUPERVISION_POLL_MS: 'often' }, feedSources)).toThrow(/SUPERVISION_POLL_MS/);
    expect(() => readSupervisionConfig({ DATABASE_URL: 'mysql://db/x' }, feedSources)).toThrow(/DATABASE_URL/);
    expect(() => readSupervisionConfig({ DATABASE_URL: 'postgres://db/x', SUPERVISION_LEADER_LEASE_MS: '10' }, feedSources)).toThrow(/SUPERVISION_LEADER_LEASE_MS/);
  });

  it('keeps SQLite without DATABASE_URL; with it, PostgreSQL and a 10 s leader lease', () => {
    expect(readSupervisionConfig({}, feedSources).database).toBeNull();
    expect(readSupervisionConfig({ DATABASE_URL: 'postgres://guichet@db:5432/guichet', DATABASE_POOL_MAX: '4' }, feedSources).database).toEqual({
      url: 'postgres://guichet@db:5432/guichet',
      poolMax: 4,
      leaseMs: 10_000,
    });
  });
});
