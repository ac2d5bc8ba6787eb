import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRnecAdapter } from '../../../adapters/rnec/index.js';
import { ErrorCode, errorMessages } from '../../../schema/index.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { offerLoad, pollStatus, type LoadOutcome } from '../../support/offered-load.js';
import { sample } from '../../support/prometheus.js';
import { spawnExtra, type ExtraService } from '../../support/spawn-extra.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { testInternalTokenSecret } from '../../support/test-secrets.js';
import { citizenToken } from '../../support/tokens.js';
import { citizensInAllSystems, dossiersByCitizen, testWorld } from '../../support/world.js';

/**
 * Defect 8: under a few hundred concurrent dashboards the gateway answered after 12–25 s, past its own deadline,
 * while `/ready` said ready. Here a gateway of its own (modest admission limits, so that it saturates on this
 * machine, over the stack's subgraphs) takes a closed-loop load for 20 s: every answer must come within the request
 * deadline plus a margin, refusals beyond capacity must be 503 + Retry-After + SERVICE_OVERLOADED, and `/ready` must
 * say `saturated` during the load and `ready` after. Then one slow legacy system: the dashboard answers at the
 * deadline with the slow parts typed, and a filing cut short by the deadline is QUEUED and delivered once.
 */
const dashboard = readFileSync(fileURLToPath(new URL('../../../clients/operations/CitizenDashboard.graphql', import.meta.url)), 'utf8');

/** What the bound allows beyond the deadline: the answer's own way back on a loaded two-core machine. */
const marginMs = 2_000;
/** Generous for the stack's processes: well above what the test stack's other suites ever send. */
const noRateLimits = { RATE_LIMIT_USER_PER_MINUTE: '1000000', RATE_LIMIT_CLIENT_PER_MINUTE: '10000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000' };
/** Codes a partial answer may carry under load: typed, never INTERNAL_SERVER_ERROR. */
const typedUnderLoad = new Set<string>([ErrorCode.BACKEND_TIMEOUT, ErrorCode.BACKEND_OVERLOADED, ErrorCode.BACKEND_UNAVAILABLE, ErrorCode.CIRCUIT_OPEN]);

const codesOf = (outcome: LoadOutcome) => (outcome.body?.errors ?? []).map((e) => String(e.extensions?.code));

describe('250 concurrent dashboards for 20 s', () => {
  const deadlineMs = 3_000;
  const clients = 250;
  let gateway: ExtraGateway;
  let tokens: string[];
  let nius: string[];

  beforeAll(async () => {
    gateway = await spawnGateway({
      NODE_ENV: 'test',
      WORKERS: '1',
      REQUEST_DEADLINE_MS: String(deadlineMs),
      ADMISSION_MAX_IN_FLIGHT: '16',
      ADMISSION_QUEUE: '32',
      ADMISSION_QUEUE_TIMEOUT_MS: '500',
      ...noRateLimits,
    });
    // Citizens no other suite reads: without dossiers (minors, mostly), from the end of the world's list. The shared
    // subgraphs remember what they serve (last known lists), and a remembered citizen would change another suite's
    // answers under its faults.
    const withDossiers = dossiersByCitizen();
    nius = testWorld()
      .persons.filter((p) => p.deathDate === null && !withDossiers.has(p.niu))
      .slice(-clients)
      .map((p) => p.niu);
    expect(nius).toHaveLength(clients);
    tokens = await Promise.all(nius.map((niu) => citizenToken(niu)));
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers within the deadline or refuses at once with a typed 503; /ready says saturated, then ready', async () => {
    let loadDone!: () => void;
    const stop = new Promise<void>((resolve) => (loadDone = resolve));
    const readiness = pollStatus(`${gateway.url}/ready`, 200, stop);
    const outcomes = await offerLoad({
      url: gateway.graphqlUrl,
      clients,
      durationMs: 20_000,
      noAnswerAfterMs: deadlineMs + 10_000,
      request: (client) => ({
        body: JSON.stringify({ query: dashboard, variables: { niu: nius[client % nius.length] } }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[client % tokens.length]!}` },
      }),
    }).finally(loadDone);
    const seen = await readiness;

    const byStatus = new Map<string, number>();
    for (const outcome of outcomes) byStatus.set(String(outcome.status), (byStatus.get(String(outcome.status)) ?? 0) + 1);
    const percentile = (values: number[], p: number) => Math.round([...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0);
    const times = (status: number) => outcomes.filter((o) => o.status === status).map((o) => o.elapsedMs);
    const summary = JSON.stringify({
      requests: outcomes.length,
      byStatus: Object.fromEntries(byStatus),
      served: { p50: percentile(times(200), 0.5), p99: percentile(times(200), 0.99) },
      refused: { p50: percentile(times(503), 0.5), p99: percentile(times(503), 0.99) },
      slowest: Math.round(Math.max(...outcomes.map((o) => o.elapsedMs))),
    });
    // The figures of the run, for the reader of the log (never asserted as speed).
    console.info(`overload: ${summary}`);
    // An HTTP answer for every request: no reset, no hang, no 500.
    expect([...byStatus.keys()].sort(), summary).toEqual(['200', '503']);
    const served = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 503);
    expect(served.length, summary).toBeGreaterThan(100);
    expect(refused.length, summary).toBeGreaterThan(0);
    // The bound that matters: nobody waits past the deadline (queueing included), whatever the answer.
    for (const outcome of outcomes) expect(outcome.elapsedMs, summary).toBeLessThan(deadlineMs + marginMs);
    // Served: data, and any error typed.
    for (const outcome of served) {
      expect(outcome.body?.data, summary).toBeDefined();
      for (const code of codesOf(outcome)) expect(typedUnderLoad, `${code} in ${JSON.stringify(outcome.body?.errors)}`).toContain(code);
    }
    // Refused: the typed early refusal, the same for every client.
    for (const outcome of refused) {
      expect(Number(outcome.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(outcome.body?.errors).toHaveLength(1);
      const [error] = outcome.body!.errors!;
      expect(error!.message).toBe(errorMessages.SERVICE_OVERLOADED);
      expect(error!.extensions).toMatchObject({ code: ErrorCode.SERVICE_OVERLOADED, retryAfterMs: Number(outcome.retryAfter) * 1_000 });
      expect(outcome.body?.data).toBeUndefined();
    }
    // /ready: saturated (503) while the load lasted; ready again once it drained.
    expect(
      seen.some((s) => s.http === 503 && s.status === 'saturated'),
      JSON.stringify(seen),
    ).toBe(true);
    let after = { http: 0, status: '' };
    for (let attempt = 0; attempt < 40 && after.status !== 'ready'; attempt++) {
      if (attempt > 0) await sleep(250);
      const response = await fetch(`${gateway.url}/ready`);
      after = { http: response.status, status: String(((await response.json()) as { status: unknown }).status) };
    }
    expect(after).toEqual({ http: 200, status: 'ready' });
    // The admission figures in /metrics: refusals by reason, nothing left in flight or waiting.
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(sample(metrics, 'guichet_gateway_admission_refused_total')).toBe(refused.length);
    expect(sample(metrics, 'guichet_gateway_admission_in_flight')).toBe(0);
    expect(sample(metrics, 'guichet_gateway_admission_queued')).toBe(0);
    expect(sample(metrics, 'guichet_gateway_admission_limit')).toBeGreaterThan(0);
  }, 90_000);
});

describe('one slow legacy system, with one request deadline', () => {
  const deadlineMs = 2_500;
  let civilRegistry: ExtraService;
  let gateway: ExtraGateway;

  beforeAll(async () => {
    // The subgraph's own bounds on RNEC are far longer than the request's deadline: only the propagated deadline
    // can end its calls in time. No retries and no breaker, so each call is cut by the deadline and nothing else.
    civilRegistry = await spawnExtra('civil-registry-slow', 'subgraphs/civil-registry/main.js', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
      RNEC_URL: `${inject('legacyUrls').rnec}/ws/rnec`,
      OUTBOX_PATH: join(mkdtempSync(join(tmpdir(), 'guichet-overload-')), 'civil-registry.sqlite'),
      OUTBOX_POLL_INTERVAL_MS: '200',
      IDENTITY_CACHE_TTL_MS: '0',
      RNEC_TIMEOUT_MS: '30000',
      RNEC_DEADLINE_MS: '30000',
      RNEC_RETRY_MAX_ATTEMPTS: '1',
      RNEC_BREAKER_THRESHOLD: '0',
    });
    gateway = await spawnGateway({ NODE_ENV: 'test', WORKERS: '1', REQUEST_DEADLINE_MS: String(deadlineMs), ...noRateLimits }, { ...inject('serviceUrls'), 'civil-registry': civilRegistry.url });
  });
  afterAll(async () => {
    await legacyAdmin.reset('rnec');
    await gateway?.stop();
    await civilRegistry?.stop();
  });

  it('the dashboard answers at the deadline: RNEC’s parts BACKEND_TIMEOUT, the other ministries’ dossiers present', async () => {
    // The last such citizen: the suites hand out the first ones by index.
    const citizen = citizensInAllSystems().at(-1)!;
    const token = await citizenToken(citizen.niu);
    await legacyAdmin.setFaults('rnec', { timeoutRate: 1, hangMs: 25_000 });
    try {
      const startedAt = performance.now();
      const response = await gql<{
        citizen: {
          niu: string;
          firstName: string | null;
          civilActs: unknown[] | null;
          dossiers: { totalCount: number; incomplete: boolean; unavailableSystems: string[]; nodes: { reference: string; status: string }[] } | null;
        } | null;
      }>(
        `query($niu: ID!) { citizen(niu: $niu) { niu firstName civilActs { number } dossiers(first: 20) { totalCount incomplete unavailableSystems nodes { reference status } } } }`,
        { niu: citizen.niu },
        { token, url: gateway.graphqlUrl },
      );
      const elapsedMs = performance.now() - startedAt;
      const summary = JSON.stringify({ elapsedMs: Math.round(elapsedMs), response });
      expect(elapsedMs, summary).toBeLessThan(deadlineMs + marginMs);
      expect(response.status).toBe(200);
      // The slow system's parts: null, each with a typed error naming it.
      expect(response.data!.citizen!.firstName, summary).toBeNull();
      expect(response.data!.citizen!.civilActs, summary).toBeNull();
      const rnecErrors = (response.errors ?? []).filter((e) => e.extensions?.system === 'rnec');
      expect(rnecErrors.length, summary).toBeGreaterThan(0);
      for (const error of response.errors ?? []) expect(error.extensions, summary).toMatchObject({ code: ErrorCode.BACKEND_TIMEOUT });
      // The rest arrived: the other ministries' dossiers, each with its status, and the list says what is missing.
      const dossiers = response.data!.citizen!.dossiers!;
      expect(dossiers, summary).toMatchObject({ incomplete: true, unavailableSystems: ['rnec'], totalCount: citizen.ceet.length + citizen.urb.length });
      expect(dossiers.nodes.map((n) => n.reference).sort()).toEqual([...citizen.ceet, ...citizen.urb].sort());
      for (const node of dossiers.nodes) expect(node.status).toMatch(/^[A-Z_]+$/);
    } finally {
      await legacyAdmin.reset('rnec');
    }
  }, 60_000);

  it('a filing whose legacy call the deadline cuts short is QUEUED at the deadline, then delivered exactly once', async () => {
    const applicant = testWorld()
      .persons.filter((p) => p.birthDate < '1990-01-01' && p.deathDate === null)
      .at(-1)!;
    const token = await citizenToken(applicant.niu);
    const mutation = `mutation($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference status } }`;
    const variables = { input: { applicantNiu: applicant.niu, actNumber: applicant.birthActNumber, copies: 2 }, key: `deadline-${randomUUID()}` };
    type Filed = { requestCivilActCopy: { reference: string; status: string } | null };
    // Only the POST hangs: the lookup by external reference answers, the filing itself is cut by the deadline.
    await legacyAdmin.setFaults('rnec', { timeoutRate: 1, hangMs: 25_000, operations: ['DemanderCopieActe'] });
    let reference: string;
    try {
      const startedAt = performance.now();
      const filed = await gql<Filed>(mutation, variables, { token, url: gateway.graphqlUrl });
      const elapsedMs = performance.now() - startedAt;
      expect(elapsedMs, JSON.stringify(filed)).toBeLessThan(deadlineMs + marginMs);
      expect(filed.errors, JSON.stringify(filed)).toBeUndefined();
      expect(filed.data!.requestCivilActCopy).toMatchObject({ status: 'QUEUED' });
      reference = filed.data!.requestCivilActCopy!.reference;
    } finally {
      await legacyAdmin.reset('rnec');
    }
    const statusOf = async () =>
      (await gql<{ dossier: { status: string } | null }>(`query($r: ID!) { dossier(reference: $r) { status } }`, { r: reference }, { token, url: gateway.graphqlUrl })).data?.dossier?.status;
    let status = await statusOf();
    for (const until = Date.now() + 45_000; status === 'QUEUED' && Date.now() < until; status = await statusOf()) await sleep(500);
    expect(status).not.toBe('QUEUED');
    const rnec = createRnecAdapter({ url: `${inject('legacyUrls').rnec}/ws/rnec`, timeoutMs: 3000 });
    expect((await rnec.listCopyRequests(applicant.niu)).filter((r) => r.externalReference === reference)).toHaveLength(1);
    // The client's retry with the same key: the same application, not a second one.
    const again = await gql<Filed>(mutation, variables, { token, url: gateway.graphqlUrl });
    expect(again.errors, JSON.stringify(again)).toBeUndefined();
    expect((await rnec.listCopyRequests(applicant.niu)).filter((r) => r.externalReference === reference)).toHaveLength(1);
  }, 90_000);
});
