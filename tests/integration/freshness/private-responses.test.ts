import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSimulatorAdmin } from '../../../legacy/shared/index.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { sample } from '../../support/prometheus.js';
import type { ExtraService } from '../../support/spawn-extra.js';
import type { ExtraGateway } from '../../support/spawn-gateway.js';
import { spawnFeedProofStack, type FeedProofStack } from '../../support/spawn-feed-proof-stack.js';
import { citizenToken, tokenFor } from '../../support/tokens.js';
import { dossiersByCitizen } from '../../support/world.js';
import { atVisitFor, quietCitizensFor } from '../../support/subjects.js';
import type { ElectricityRequest } from '../../../legacy/world/index.js';

/**
 * Whole private responses kept per caller by the gateway (gateway/response-cache: the private response cache) and
 * served again while every part stands — the subgraphs' max-age and, for a citizen's dossiers, the change feeds'
 * proof. This file's own supervision subgraph (feeds read every 300 ms) and gateway, over the stack's subgraphs and
 * simulators (the stack's own gateway proves nothing: FEED_PROOF_MAX_OWNERS=0).
 */
const POLL_MS = 300;
const MAX_AGE_MS = POLL_MS + 1_000;
let supervision: ExtraService;
let gateway: ExtraGateway;
let stack: FeedProofStack | undefined;

const statusQuery = readFileSync('clients/operations/DossierStatus.graphql', 'utf8');
const dashboardQuery = readFileSync('clients/operations/CitizenDashboard.graphql', 'utf8');
const fileElectricity = readFileSync('clients/operations/RequestElectricityConnection.graphql', 'utf8');
type Status = { dossier: { reference: string; status: string } | null };
type Dashboard = { citizen: { niu: string; dossiers: { totalCount: number; nodes: { reference: string; status: string }[] } } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const legacyCalls = async () => {
  let sum = 0;
  for (const system of ['rnec', 'ceet', 'urbanisme', 'mines'] as const) sum += Object.values(await legacyAdmin.calls(system)).reduce((a, b) => a + b, 0);
  return sum;
};

// A request at « visite programmée » (20), and three citizens with CEET dossiers, of this suite's own: nobody else files
// for or moves them (tests/support/subjects), since the feeds name a changed citizen for a whole overlap. Each test that
// changes a citizen's dossiers has a citizen of its own; `middle` is the slow-feed stack's.
const [request] = atVisitFor('privateResponses') as [ElectricityRequest];
const reference = `CEET-${request.numero}`;
const owner = request.niu;
const [other, third, middle] = quietCitizensFor('privateResponses').map((c) => c.niu);

const metrics = async () => (await fetch(`${gateway.url}/metrics`)).text();
/** What the gateway did so far: responses served whole, kept, and every subgraph call. */
const counters = async () => {
  const text = await metrics();
  return {
    hits: sample(text, 'guichet_gateway_private_responses_total', { result: 'hit' }),
    kept: sample(text, 'guichet_gateway_private_responses_total', { result: 'kept' }),
    subgraphCalls: sample(text, 'guichet_gateway_subgraph_fetch_duration_seconds_count'),
  };
};
const status = async (token: string, of = reference) => gql<Status>(statusQuery, { reference: of }, { url: gateway.graphqlUrl, token });
const dashboard = async (token: string, niu: string) => {
  const response = await gql<Dashboard>(dashboardQuery, { niu }, { url: gateway.graphqlUrl, token });
  expect(response.errors).toBeUndefined();
  return response;
};
/**
 * A dashboard on a connection of its own: the gateway's workers (WORKERS=2 here, as on a 2-core machine) take
 * connections in turn, so that successive calls reach both of them.
 */
const dashboardOnNewConnection = async (token: string, niu: string): Promise<Dashboard> => {
  const agent = new Agent({ pipelining: 0 });
  try {
    const response = await undiciRequest(gateway.graphqlUrl, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: dashboardQuery, variables: { niu } }),
    });
    const body = (await response.body.json()) as { data: Dashboard; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  } finally {
    await agent.close();
  }
};
/** Files a CEET connection request as `niu`; answers its reference. */
const fileConnection = async (token: string, niu: string): Promise<string> => {
  const filed = await gql<{ requestElectricityConnection: { reference: string } }>(
    fileElectricity,
    { input: { applicantNiu: niu, meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Tokoin', applianceCount: 3 }, idempotencyKey: `test-${randomUUID()}` },
    { url: gateway.graphqlUrl, token },
  );
  expect(filed.errors).toBeUndefined();
  return filed.data!.requestElectricityConnection.reference;
};
/** How old the newest CEET feed read the gateway received is (the largest over its workers), in seconds. */
const ceetFeedAge = async () => sample(await metrics(), 'guichet_gateway_feed_proof_age_seconds', { system: 'ceet' });
/** Two dashboards in a row on new connections (one on each worker): whether both were served whole. */
const bothWorkersServeWhole = async (token: string, niu: string): Promise<boolean> => {
  const before = await counters();
  await dashboardOnNewConnection(token, niu);
  await dashboardOnNewConnection(token, niu);
  return (await counters()).hits - before.hits === 2;
};
/**
 * Files a CEET request as `niu`, then reads their dashboard on four new connections (both workers, whichever answered
 * the mutation): each shows the new dossier, none served whole — every worker dropped what it kept for this caller.
 */
const fileAndSeeItOnEveryWorker = async (token: string, niu: string, totalBefore: number): Promise<void> => {
  const newReference = await fileConnection(token, niu);
  const before = await counters();
  for (let i = 0; i < 4; i += 1) {
    const after = await dashboardOnNewConnection(token, niu);
    expect(after.citizen.dossiers.totalCount).toBe(totalBefore + 1);
    expect(after.citizen.dossiers.nodes.map((n) => n.reference)).toContain(newReference);
  }
  expect((await counters()).hits).toBe(before.hits);
};
type AuditLine = { niu: string; operationName: string | null; systems: string[]; subgraphs: string[]; traceId: string };
const auditRecords = (operation: string) =>
  readFileSync(gateway.auditLogPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditLine)
    .filter((record) => record.operationName === operation);

/**
 * Asks `ask` until an answer is served whole: a proof follows the first read within a feed poll or two — or, for a
 * citizen whose dossiers another suite changed just before, once the feeds stop naming them (their 60 s overlap).
 */
async function untilServedWhole(ask: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 75_000;
  while (Date.now() < deadline) {
    const before = await counters();
    await ask();
    const after = await counters();
    if (after.hits > before.hits) {
      // Served whole: no subgraph was called for it, not even one answered from the shared reads.
      expect(after.subgraphCalls).toBe(before.subgraphCalls);
      return;
    }
    await sleep(150);
  }
  // What the proof rested on, to tell a feed that fell behind from an owner named again and again.
  const proofLines = (await metrics()).split('\n').filter((line) => /^guichet_gateway_(feed_proof|private_responses|shared_reads)_/.test(line));
  throw new Error(`never served whole; the gateway's proof and caches:\n${proofLines.join('\n')}`);
}

/** This describe's own supervision subgraph (feeds read every `pollMs`) and gateway, with two workers whatever the machine. */
function ownStack(name: string, pollMs: number): void {
  beforeAll(async () => {
    if (!owner || !other || !third || !middle || new Set([owner, other, third, middle]).size < 4) throw new Error('not enough citizens for the private responses test');
    stack = await spawnFeedProofStack(name, pollMs, { WORKERS: '2' });
    ({ supervision, gateway } = stack);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    stack = undefined;
  });
}

afterAll(async () => {
  await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '20');
});

describe('whole private responses kept per caller on the change feeds’ proof (own supervision subgraph and gateway)', () => {
  ownStack('private-responses', POLL_MS);
  it('serves a returning phone’s status poll whole: no subgraph call, no-store downstream, on the audit trail as the first', async () => {
    const token = await citizenToken(owner!);
    const first = await status(token);
    expect(first.data?.dossier?.status).toBe('IN_PROGRESS');
    await untilServedWhole(() => status(token));

    const served = await status(token);
    expect(served.data).toEqual(first.data);
    // Only the gateway can check the proof: nobody downstream may keep it, as the first answer said.
    expect(served.headers.get('cache-control')).toContain('no-store');
    expect(served.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    // Said the way HTTP caches say it (RFC 9111 Age); an answer made for the request has none.
    expect(Number(served.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(first.headers.get('age')).toBeNull();
    // A client asking for the sources (a portal's « actualiser ») is not served from the cache.
    const beforeFresh = await counters();
    const fresh = await gql<Status>(statusQuery, { reference }, { url: gateway.graphqlUrl, token, headers: { 'cache-control': 'no-cache' } });
    expect(fresh.data).toEqual(first.data);
    const afterFresh = await counters();
    expect(afterFresh.hits).toBe(beforeFresh.hits);
    expect(afterFresh.subgraphCalls).toBeGreaterThan(beforeFresh.subgraphCalls);
    // Every answer served whole is on the trail, with the same systems and subgraphs as one read from the ministry
    // (counted once the trail has settled: the gateway's workers hand their records to one writer).
    const ownRecords = () => auditRecords('DossierStatus').filter((r) => r.niu === owner);
    let before = -1;
    while (before !== ownRecords().length) {
      before = ownRecords().length;
      await sleep(300);
    }
    const records = ownRecords();
    const legacy = await legacyCalls();
    await status(token);
    expect(await legacyCalls()).toBe(legacy);
    await expect.poll(() => auditRecords('DossierStatus').filter((r) => r.niu === owner).length, { timeout: 5_000 }).toBe(before + 1);
    const [firstRecord, lastRecord] = [
      records[0]!,
      auditRecords('DossierStatus')
        .filter((r) => r.niu === owner)
        .at(-1)!,
    ];
    expect({ systems: lastRecord.systems, subgraphs: lastRecord.subgraphs }).toEqual({ systems: firstRecord.systems, subgraphs: firstRecord.subgraphs });
    expect(lastRecord.traceId).not.toBe(firstRecord.traceId);
  }, 120_000);

  it('never serves one caller’s kept response to another: another citizen, or the same citizen through another client', async () => {
    const before = await counters();
    const theirs = await status(await citizenToken(other!));
    expect(theirs.data?.dossier ?? null).toBeNull();
    const otherClient = await status(await tokenFor({ role: 'citizen', niu: owner!, clientId: 'another-portal' }));
    expect(otherClient.data?.dossier?.reference).toBe(reference);
    const after = await counters();
    expect(after.hits).toBe(before.hits);
    expect(after.subgraphCalls).toBeGreaterThan(before.subgraphCalls);
  }, 30_000);

  it('serves a returning citizen’s dashboard whole; their own filing shows at once (their mutation drops what was kept)', async () => {
    const token = await citizenToken(other!);
    const first = await dashboard(token, other!);
    await untilServedWhole(() => dashboard(token, other!));
    // Kept by both workers: two dashboards in a row on new connections, both served whole.
    let both = false;
    for (let i = 0; i < 40 && !both; i += 1) {
      both = await bothWorkersServeWhole(token, other!);
      if (!both) await sleep(150);
    }
    expect(both).toBe(true);
    const served = await dashboard(token, other!);
    expect(served.data).toEqual(first.data);
    expect(served.headers.get('cache-control')).toContain('no-store');

    await fileAndSeeItOnEveryWorker(token, other!, first.data!.citizen.dossiers.totalCount);
  }, 120_000);

  it('a status changed in the ministry’s system shows at the next feed read, never older after', async () => {
    const token = await citizenToken(owner!);
    await untilServedWhole(() => status(token));
    await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '30');
    const deadline = Date.now() + 15_000;
    let seen = 'IN_PROGRESS';
    while (seen !== 'ACTION_REQUIRED' && Date.now() < deadline) {
      await sleep(100);
      seen = (await status(token)).data?.dossier?.status ?? 'none';
    }
    expect(seen).toBe('ACTION_REQUIRED');
    for (let i = 0; i < 5; i += 1) {
      expect((await status(token)).data?.dossier?.status).toBe('ACTION_REQUIRED');
      await sleep(POLL_MS);
    }
  }, 120_000);

  it('with the stream down, nothing resting on the feeds is served whole', async () => {
    const niu = third!;
    const theirs = dossiersByCitizen().get(niu)!.ceet[0]!;
    const token = await citizenToken(niu);
    await untilServedWhole(() => status(token, theirs));
    await supervision.stop();
    await sleep(MAX_AGE_MS + 200);
    const before = await counters();
    const legacy = await legacyCalls();
    expect((await status(token, theirs)).data?.dossier?.reference).toBe(theirs);
    await dashboard(token, niu);
    const after = await counters();
    expect(after.hits).toBe(before.hits);
    expect(await legacyCalls()).toBeGreaterThan(legacy);
  }, 120_000);
});

/**
 * Feeds read every 10 s: between two reads nothing but the bus between the gateway's workers (through its primary) can
 * tell the worker that did not run a caller's mutation to drop what it kept for them — with 300 ms feeds, the next read
 * naming the caller does it too, and would hide a missing relay.
 */
describe('a caller’s mutation drops what every worker kept for them, between two feed reads (own stack, feeds every 10 s)', () => {
  const SLOW_POLL_MS = 10_000;
  ownStack('private-responses-slow', SLOW_POLL_MS);

  it('both workers serve the dashboard whole just after a feed read; after the caller files, neither does before the next read', async () => {
    const token = await citizenToken(middle!);
    const first = await dashboard(token, middle!);
    // Both workers kept it, and a CEET feed read has just arrived: the next one is about 10 s away.
    const deadline = Date.now() + 3 * SLOW_POLL_MS;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      ready = (await bothWorkersServeWhole(token, middle!)) && (await ceetFeedAge()) < 2;
      if (!ready) await sleep(200);
    }
    expect(ready).toBe(true);
    const ageBefore = await ceetFeedAge();

    await fileAndSeeItOnEveryWorker(token, middle!, first.data!.citizen.dossiers.totalCount);
    // Still the same CEET feed read: no read named the caller in between, the workers' bus alone dropped their answers.
    expect(await ceetFeedAge()).toBeGreaterThanOrEqual(ageBefore);
  }, 90_000);
});
