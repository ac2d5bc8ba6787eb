import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInternalTokenSigner, INTERNAL_TOKEN_HEADER, type Principal } from '../../auth/index.js';
import { dossierEventSchema, type DossierEvent } from '../../events/index.js';
import { readCeetSimulatorConfig, startCeetSimulator, type CeetSimulator } from '../../legacy/ceet/index.js';
import { readMinesConfig, seedMinesDossiers, startMinesSimulator, type MinesSimulator } from '../../legacy/mines/index.js';
import { startRnecSimulator, type RunningRnecSimulator } from '../../legacy/rnec/index.js';
import { createSimulatorAdmin, noFaults } from '../../legacy/shared/index.js';
import { readUrbanismeConfig, startUrbanismeSimulator, type UrbanismeSimulator } from '../../legacy/urbanisme/index.js';
import { generateWorld } from '../../legacy/world/index.js';
import { createLogger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import type { LegacySystem } from '../../schema/index.js';
import { startPostgresServer, type PostgresServer } from '../../scripts/servers/index.js';
import { testSubgraphSecret } from '../shared/testing/index.js';
import { readSupervisionConfig } from './config.js';
import { openSse, type SseConnection, type SseFrame } from './events/test-support/sse-reader.js';
import { loadFeedSources } from './ingestion/index.js';
import { startSupervisionSubgraph } from './start-supervision-subgraph.js';

/**
 * The dossier events end to end inside the subgraph: a status change made in each simulator (its admin operation)
 * goes through that system's real change feed and adapter, and comes out of `GET /internal/dossier-events`.
 */
const world = { seed: 17, scale: 0.02, now: '2026-11-01' };
const seeded = generateWorld(world);
const log = createLogger('supervision-events-test', 'silent');
const feedSources = await loadFeedSources();
const gateway: Principal = { subject: 'gateway', role: 'supervisor', scopes: ['supervisor'], clientId: 'gateway' };

let rnec: RunningRnecSimulator;
let ceet: CeetSimulator;
let urbanisme: UrbanismeSimulator;
let mines: MinesSimulator;
const running: RunningService[] = [];
const connections: SseConnection[] = [];

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
  for (const connection of connections) connection.close();
  await Promise.all(running.map((s) => s.close()));
  await Promise.all([rnec?.close(), ceet?.close(), urbanisme?.close(), mines?.close()]);
});

async function startSubgraph(extraEnv: Record<string, string> = {}): Promise<string> {
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
      SUPERVISION_STORE_PATH: join(mkdtempSync(join(tmpdir(), 'guichet-supervision-events-')), 'read-model.sqlite'),
      DOSSIER_EVENTS_POLL_MS: '50',
      ...extraEnv,
    },
    feedSources,
  );
  const service = await startSupervisionSubgraph(config, log);
  running.push(service);
  const origin = new URL(service.url).origin;
  // Every feed's initial load done: changes after it are events.
  for (let i = 0; i < 200; i += 1) {
    const ready = (await (await fetch(`${origin}/ready`)).json()) as { status: string };
    if (ready.status === 'ready') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return origin;
}

async function openStream(origin: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const token = await createInternalTokenSigner({ secret: testSubgraphSecret }).sign(gateway, {});
  const connection = await openSse(`${origin}/internal/dossier-events`, { [INTERNAL_TOKEN_HEADER]: token, ...headers });
  connections.push(connection);
  return connection;
}

const eventOf = (frame: SseFrame): DossierEvent => dossierEventSchema.parse(JSON.parse(frame.data ?? 'null'));

/** Per system: a dossier of the seeded world still open, the admin call that moves it, and what the event must say. */
interface Move {
  readonly system: LegacySystem;
  readonly number: string;
  readonly ownerNiu: string;
  readonly to: string;
  readonly admin: () => string;
}
const moves = (): Move[] => {
  // Still open (not decided): a rejection is a change of normalized status whatever the step.
  // CEET: not at 10 either, which the scaled-mode case moves.
  const request = seeded.electricityRequests.find((r) => ![10, 70, 90].includes(r.history.at(-1)?.status ?? 70));
  const permit = seeded.permitApplications.find((p) => !['DELIVRE', 'REJETE'].includes(p.history.at(-1)?.status ?? 'REJETE'));
  const copy = seeded.copyRequests.find((c) => !['DISPONIBLE', 'REJETEE'].includes(c.history.at(-1)?.status ?? 'REJETEE'));
  const mine = seedMinesDossiers(seeded).find((d) => !['DELIV', 'REJ'].includes(d.CodeEtat));
  if (!request || !permit || !copy || !mine) throw new Error('the seeded world lacks an open dossier in some system');
  return [
    { system: 'ceet', number: request.numero, ownerNiu: request.niu, to: '90', admin: () => ceet.url },
    { system: 'urbanisme', number: permit.numero, ownerNiu: permit.niu, to: 'REJETE', admin: () => urbanisme.url },
    { system: 'rnec', number: copy.number, ownerNiu: copy.niu, to: 'REJETEE', admin: () => rnec.baseUrl },
    { system: 'mines', number: mine.NumeroDossier, ownerNiu: mine.NuiDemandeur, to: 'REJ', admin: () => mines.url },
  ];
};

describe('dossier events from the change feeds (supervision subgraph over the four simulators)', () => {
  it('a status change made in each system comes out of the stream as STATUS_CHANGED, with its owner; no CREATED for the initial load', async () => {
    const origin = await startSubgraph();
    const stream = await openStream(origin, { 'last-event-id': '0' });
    await stream.until((f) => f.retry !== undefined);
    for (const move of moves()) {
      await createSimulatorAdmin(new URL(move.admin()).origin, move.system).setDossierStatus(move.number, move.to);
    }
    for (const move of moves()) {
      const frame = await stream.until((f) => f.event === 'dossier' && eventOf(f).system === move.system && eventOf(f).type === 'STATUS_CHANGED');
      const event = eventOf(frame);
      expect(event.ownerNiu).toBe(move.ownerNiu);
      expect(event.reference.replace(/\D/g, '')).toContain(move.number.replace(/\D/g, '').replace(/^0+/, ''));
      expect(event.previousStatus).not.toBeNull();
      expect(event.status).toBe('REJECTED');
    }
    // From cursor 0: every event since the start, and none is a CREATED of the initial load.
    const events = stream.frames.filter((f) => f.event === 'dossier').map(eventOf);
    expect(events.filter((e) => e.type === 'CREATED')).toEqual([]);
    expect(new Set(events.filter((e) => e.type === 'STATUS_CHANGED').map((e) => e.system))).toEqual(new Set(['ceet', 'urbanisme', 'rnec', 'mines']));
  });

  it('refuses a stream without the internal token (401)', async () => {
    const origin = await startSubgraph();
    const refused = await openSse(`${origin}/internal/dossier-events`);
    expect(refused.status).toBe(401);
  });

  describe('scaled mode (DATABASE_URL)', () => {
    let postgres: PostgresServer | undefined;
    afterAll(async () => {
      for (const connection of connections.splice(0)) connection.close();
      await Promise.all(running.splice(0).map((s) => s.close()));
      await postgres?.destroy();
    });

    it('the leader appends, a replica that does not lead serves the same events, woken by the relayed feed read', async () => {
      postgres = await startPostgresServer();
      const env = { DATABASE_URL: await postgres.createDatabase('supervision_events'), SUPERVISION_LEADER_LEASE_MS: '1000' };
      const leader = await startSubgraph(env);
      // The follower checks the log's head only once a minute: the leader's relayed feed read must wake its streams.
      const follower = await startSubgraph({ ...env, DOSSIER_EVENTS_POLL_MS: '60000' });
      const fromLeader = await openStream(leader);
      const fromFollower = await openStream(follower);
      await Promise.all([fromLeader, fromFollower].map((s) => s.until((f) => f.retry !== undefined)));
      const request = seeded.electricityRequests.find((r) => r.history.at(-1)?.status === 10);
      if (!request) throw new Error('no CEET request at status 10');
      await createSimulatorAdmin(ceet.url, 'ceet').setDossierStatus(request.numero, '20');
      const isIt = (f: SseFrame) => f.event === 'dossier' && eventOf(f).reference === `CEET-${request.numero}`;
      const [a, b] = await Promise.all([fromLeader.until(isIt), fromFollower.until(isIt)]);
      expect(eventOf(b)).toEqual(eventOf(a));
      expect(eventOf(a)).toMatchObject({ type: 'STATUS_CHANGED', ownerNiu: request.niu, previousStatus: 'SUBMITTED', status: 'IN_PROGRESS' });
    });
  });
});
