import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCeetAdapter } from '../../../adapters/ceet/index.js';
import { eventOf, myEvents, sseSubscribe, subscribe, wsSubscribe, type Subscriber } from '../../../gateway/subscriptions/test-support/subscribers.js';
import { createRedis, redisReady, type Redis } from '../../../lib/redis/index.js';
import { createSimulatorAdmin } from '../../../legacy/shared/index.js';
import { generateWorld } from '../../../legacy/world/index.js';
import { createTokenSource } from '../../../scripts/soak/create-token-source.js';
import { startScaledStack, type ScaledStack } from '../../../scripts/stack/index.js';
import { startWebhookReceiver } from '../../support/webhook-receiver.js';
import { testWorldOptions } from '../../support/world.js';

const world = generateWorld(testWorldOptions);
const citizen = world.persons.find((p) => world.electricityRequests.some((r) => r.niu === p.niu) && p.deathDate === null)!;
const applicant = world.persons.filter((p) => p.birthDate < '1985-01-01' && p.deathDate === null)[7]!;

const leaseMs = 6_000;
// Dossier events: CEET requests at « visite programmée » (20) of distinct citizens, none of the two above.
const atVisit = world.electricityRequests.filter((r) => r.history.at(-1)?.status === 20 && r.niu !== citizen.niu && r.niu !== applicant.niu);
const pushed = atVisit.filter((r, i) => atVisit.findIndex((o) => o.niu === r.niu) === i);
const perPrincipalCap = 2;
/** HAProxy's lines (its log of the internal dossier-event stream's connections, see scripts/servers/haproxy-server.ts). */
const haproxyLines: string[] = [];

/**
 * The scaled deployment for real: PostgreSQL, Redis, HAProxy, two gateway processes, two replicas of every subgraph
 * (`npm run start:scaled`'s stack, on ephemeral ports). What the README tells a newcomer to try answers through the
 * load balancer; a ministry replica killed while it holds a submission's lease mid-delivery leaves it delivered once.
 */
describe('scaled stack', () => {
  let stack: ScaledStack;
  let post: (
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => Promise<{ status: number; body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } }>;
  let tokens: ReturnType<typeof createTokenSource>;

  beforeAll(async () => {
    stack = await startScaledStack({
      ports: 'ephemeral',
      env: {
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SEED: String(testWorldOptions.seed),
        SCALE: String(testWorldOptions.scale),
        SEED_NOW: testWorldOptions.now,
        LATENCY_MEDIAN_MS: '0',
        LATENCY_P95_MS: '0',
        OUTBOX_POLL_INTERVAL_MS: '200',
        OUTBOX_LEASE_MS: String(leaseMs),
        // Slow enough calls for a replica to die mid-delivery, still within every deadline.
        CEET_TIMEOUT_MS: '5000',
        CEET_DEADLINE_MS: '12000',
      },
      serviceEnv: {
        // A follower takes over within 3 s of the leader's death (4 s at most), rather than 13 s.
        supervision: { SUPERVISION_LEADER_LEASE_MS: '3000', SUPERVISION_POLL_MS: '1000' },
        gateway: { SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL: String(perPrincipalCap) },
        // The test's receiver listens on this machine; quick retries.
        webhooks: { WEBHOOKS_ALLOWED_TARGETS: 'http+127.0.0.1', WEBHOOKS_RETRY_SCHEDULE_MS: '0,200,200,200,200,200,200,200', WEBHOOKS_POLL_MS: '100' },
      },
      onLine: (name, line) => {
        if (name === 'haproxy') haproxyLines.push(line);
        if (process.env.STACK_LOGS) process.stderr.write(`[${name}] ${line}\n`);
      },
    });
    tokens = createTokenSource(stack.idpUrl);
    post = async (query, variables = {}, token) => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as Awaited<ReturnType<typeof post>>['body'] };
    };
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('answers the README queries through the load balancer, from every gateway replica', async () => {
    expect(stack.replicasOf('gateway')).toHaveLength(2);
    for (const name of ['electricity', 'dossiers', 'supervision']) expect(stack.replicasOf(name)).toHaveLength(2);
    const token = await tokens.citizen(citizen.niu);
    const request = world.electricityRequests.find((r) => r.niu === citizen.niu)!;
    // Round robin: consecutive requests alternate between the two gateways.
    for (let round = 0; round < 4; round += 1) {
      const catalogue = await post('{ procedures { code title ministry feeFcfa legalDelayDays } }');
      expect(catalogue.status).toBe(200);
      expect((catalogue.body.data?.procedures as unknown[] | undefined)?.length ?? 0).toBeGreaterThan(5);
      const dashboard = await post(
        'query CitizenDashboard($niu: ID!) { citizen(niu: $niu) { niu firstName civilActs { number } dossiers(first: 5) { totalCount nodes { reference status } } } }',
        { niu: citizen.niu },
        token,
      );
      expect(dashboard.body.errors).toBeUndefined();
      expect(dashboard.body.data?.citizen).toMatchObject({ niu: citizen.niu, firstName: expect.any(String) });
      const status = await post('query DossierStatus($reference: ID!) { dossier(reference: $reference) { reference status } }', { reference: `CEET-${request.numero}` }, token);
      expect(status.body.data?.dossier).toMatchObject({ reference: `CEET-${request.numero}` });
      const log = await post('{ me { accessLog { at kind } } }', {}, token);
      expect(log.body.errors).toBeUndefined();
    }
    // Both gateways served: each wrote audit records to the one shared trail.
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      const readiness = await Promise.all(
        stack.replicasOf('gateway').map(async (name) => (await fetch(`${stack.services.get(name)!.url}/ready`)).json() as Promise<{ stores?: { store: string; up: boolean }[] }>),
      );
      for (const ready of readiness) expect(ready.stores?.length ?? 0).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('delivers exactly once when the replica holding the lease is killed mid-delivery', async () => {
    const ceetAdmin = createSimulatorAdmin(stack.legacyUrls.ceet, 'ceet');
    const token = await tokens.citizen(applicant.niu);
    const key = `lease-kill-${randomUUID()}`;
    const mutation = 'mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference status } }';
    const input = { applicantNiu: applicant.niu, meterType: 'THREE_PHASE', communeCode: 'LACS1', quarter: 'Glidji', applianceCount: 5 };

    await ceetAdmin.setFaults({ down: true });
    const filed = await post(mutation, { input, key }, token);
    expect(filed.body.errors).toBeUndefined();
    const queued = filed.body.data?.requestElectricityConnection as { reference: string; status: string };
    expect(queued.status).toBe('QUEUED');

    // The system comes back slow: a delivery (find, then create) now takes seconds, and a replica claims it.
    const before = (await ceetAdmin.calls()).creerDemande ?? 0;
    await ceetAdmin.setLatency({ medianMs: 2_500, p95Ms: 2_600 });
    await ceetAdmin.setFaults({ down: false });

    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      // Wait until the create call has reached CEET (counted on arrival, answered after the latency), then kill the
      // replica that holds the lease: the record exists in CEET, the replica never heard back.
      const leaseOwner = async () =>
        (await client.query<{ lease_owner: string | null; state: string }>('SELECT lease_owner, state FROM outbox_submissions WHERE external_reference = $1', [queued.reference])).rows[0];
      await expect.poll(async () => (await ceetAdmin.calls()).creerDemande ?? 0, { timeout: 30_000, interval: 50 }).toBeGreaterThan(before);
      const row = await leaseOwner();
      expect(row?.state).toBe('delivering');
      const pid = Number(/:(\d+):[0-9a-f]+$/.exec(row?.lease_owner ?? '')?.[1]);
      const holder = stack.replicasOf('electricity').find((name) => stack.services.get(name)?.child.pid === pid);
      expect(holder, `lease owner ${row?.lease_owner}`).toBeDefined();
      await stack.kill(holder!, 'SIGKILL');

      // The other replica takes the lease over once it runs out, finds the record by its external reference, and
      // marks it delivered instead of filing it again.
      await expect.poll(async () => (await leaseOwner())?.state, { timeout: 60_000, interval: 250 }).toBe('delivered');
      await ceetAdmin.setLatency({ medianMs: 0, p95Ms: 0 });
      const records = (await createCeetAdapter({ baseUrl: stack.legacyUrls.ceet, apiKey: 'dev-ceet-key', timeoutMs: 5_000 }).listDossiersOfCitizen(applicant.niu)).filter(
        (r) => r.externalReference === queued.reference,
      );
      expect(records).toHaveLength(1);
      // The dead replica's create reached CEET; whether the takeover found its record or filed again (CEET keys
      // creations by external reference too), CEET holds exactly one record of it.
      expect((await ceetAdmin.calls()).creerDemande ?? 0).toBeGreaterThanOrEqual(before + 1);
      await stack.restart(holder!);
    } finally {
      await client.end();
      await ceetAdmin.reset();
    }
  }, 120_000);

  describe('dossier events pushed across the replicas', () => {
    let redis: Redis;
    let events: pg.Client;
    const open: Subscriber[] = [];
    const track = (subscriber: Subscriber) => {
      open.push(subscriber);
      return subscriber;
    };
    beforeAll(async () => {
      redis = createRedis({ url: stack.redisUrl, connectionName: 'scaled-stack-test' });
      await redisReady(redis);
      events = new pg.Client({ connectionString: stack.databaseUrl });
      await events.connect();
    });
    afterAll(async () => {
      await Promise.all(open.map((s) => s.close()));
      redis?.disconnect();
      await events?.end();
    });

    const balancer = () => new URL(stack.gatewayUrl).origin;
    const gatewayOrigin = (name: string) => new URL(stack.services.get(name)!.url).origin;
    /** The Redis set counting a token's streams across the gateways (gateway/subscriptions/principal-streams). */
    const streamsKey = (token: string) => {
      const claims = decodeJwt(token);
      return `guichet:subscriptions:streams:${JSON.stringify([claims.sub, claims.client_id ?? claims.azp])}`;
    };
    /** The pid of the gateway holding each open stream: members are `<host>:<pid>:<random>:<n>`. */
    const holders = async (token: string) => (await redis.zrange(streamsKey(token), 0, -1)).map((member) => Number(member.split(':').at(-3)));
    const gatewayPid = (name: string) => stack.services.get(name)!.child.pid;
    const head = async () => (await events.query<{ head: string | null }>('SELECT max(seq)::text AS head FROM supervision_events')).rows[0]?.head ?? '0';
    const errorOf = (result: unknown) => (result as { errors?: { extensions?: { code?: string; reason?: string } }[] }).errors?.[0];
    /** Reads until `type` of `reference`; every event read must be the owner's (`allowed`). Returns all read. */
    const readUntil = async (subscriber: Subscriber, reference: string, status: string, allowed: (event: Record<string, unknown>) => boolean) => {
      const seen: Record<string, unknown>[] = [];
      for (;;) {
        const result = await subscriber.next(60_000);
        const event = eventOf(result);
        if (!event) throw new Error(`expected ${status} of ${reference}, got ${JSON.stringify(result)}`);
        expect(allowed(event), JSON.stringify(event)).toBe(true);
        seen.push(event);
        if (event.reference === reference && event.type === 'STATUS_CHANGED' && event.status === status) return seen;
      }
    };

    it('pushes a CEET status change to its owner on both gateways, over graphql-sse and graphql-ws through HAProxy, and nothing to another citizen', async () => {
      const [owner, other] = pushed;
      if (!owner || !other) throw new Error('the test world lacks two CEET requests at status 20 of different citizens');
      const [ownerToken, otherToken] = [await tokens.citizen(owner.niu), await tokens.citizen(other.niu)];
      const after = await head();
      const sse = track(sseSubscribe(balancer(), { query: myEvents, variables: { after }, token: ownerToken }));
      await expect.poll(async () => (await holders(ownerToken)).length, { timeout: 10_000 }).toBe(1);
      // Round robin sends the next connection to the other gateway; should anything else have come between, another try.
      let ws = track(wsSubscribe(balancer(), { query: myEvents, variables: { after }, token: ownerToken }));
      for (let attempt = 0; ; attempt += 1) {
        await expect.poll(async () => (await holders(ownerToken)).length, { timeout: 10_000 }).toBe(2);
        if (new Set(await holders(ownerToken)).size === 2 || attempt === 4) break;
        await ws.close();
        await expect.poll(async () => (await holders(ownerToken)).length, { timeout: 10_000 }).toBe(1);
        ws = track(wsSubscribe(balancer(), { query: myEvents, variables: { after }, token: ownerToken }));
      }
      expect(new Set(await holders(ownerToken))).toEqual(new Set(stack.replicasOf('gateway').map(gatewayPid)));
      const others = track(subscribe('sse', balancer(), { query: myEvents, variables: { after }, token: otherToken }));

      const ceet = createSimulatorAdmin(stack.legacyUrls.ceet, 'ceet');
      // The owner's change first, then the other's: had the owner's event leaked, it would come before the other's own.
      await ceet.setDossierStatus(owner.numero, '30');
      await ceet.setDossierStatus(other.numero, '30');
      const ownerReference = `CEET-${owner.numero}`;
      const otherReference = `CEET-${other.numero}`;
      for (const [transport, subscriber] of [
        ['sse', sse],
        ['ws', ws],
      ] as const) {
        const seen = await readUntil(subscriber, ownerReference, 'ACTION_REQUIRED', (e) => e.reference === ownerReference);
        expect(seen.at(-1), transport).toMatchObject({ type: 'STATUS_CHANGED', previousStatus: 'IN_PROGRESS', ministry: 'ENERGY' });
      }
      const theirs = await readUntil(others, otherReference, 'ACTION_REQUIRED', (e) => e.reference === otherReference);
      expect(theirs.every((e) => e.reference === otherReference)).toBe(true);
      for (const subscriber of open.splice(0)) await subscriber.close();
      await expect.poll(async () => (await holders(ownerToken)).length, { timeout: 10_000 }).toBe(0);
    }, 120_000);

    it('holds the per-principal cap across the two gateways, and frees a place on one when a stream closes on the other', async () => {
      const capped = pushed[2];
      if (!capped) throw new Error('the test world lacks a third citizen');
      const token = await tokens.citizen(capped.niu);
      const [one, two] = stack.replicasOf('gateway') as [string, string];
      const first = track(sseSubscribe(gatewayOrigin(one), { query: myEvents, token }));
      track(wsSubscribe(gatewayOrigin(two), { query: myEvents, token }));
      await expect.poll(async () => (await holders(token)).sort(), { timeout: 10_000 }).toEqual([gatewayPid(one), gatewayPid(two)].sort());
      // A third, wherever it lands: through the balancer (either gateway), or straight to each one on each transport.
      const attempts = [
        subscribe('sse', balancer(), { query: myEvents, token }),
        subscribe('ws', balancer(), { query: myEvents, token }),
        subscribe('ws', gatewayOrigin(one), { query: myEvents, token }),
        subscribe('sse', gatewayOrigin(two), { query: myEvents, token }),
      ].map(track);
      for (const attempt of attempts) expect(errorOf(await attempt.next())?.extensions).toEqual({ code: 'RATE_LIMITED', reason: 'TOO_MANY_SUBSCRIPTIONS' });
      expect(await holders(token)).toHaveLength(perPrincipalCap);
      await first.close();
      await expect.poll(async () => holders(token), { timeout: 10_000 }).toEqual([gatewayPid(two)]);
      const again = track(sseSubscribe(gatewayOrigin(two), { query: myEvents, token }));
      await expect.poll(async () => holders(token), { timeout: 10_000 }).toEqual([gatewayPid(two), gatewayPid(two)]);
      expect(errorOf(await track(subscribe('ws', gatewayOrigin(one), { query: myEvents, token })).next())?.extensions?.code).toBe('RATE_LIMITED');
      await again.close();
      // Both gateways report the shared count's store on /ready.
      for (const name of [one, two]) {
        const ready = (await (await fetch(`${gatewayOrigin(name)}/ready`)).json()) as { stores: { store: string; engine: string; up: boolean }[] };
        expect(ready.stores).toContainEqual(expect.objectContaining({ store: 'subscriptions', engine: 'redis', up: true }));
      }
      for (const subscriber of open.splice(0)) await subscriber.close();
    }, 60_000);

    it('loses no event when the supervision leader dies: the follower ingests, each gateway resumes its upstream stream through HAProxy with Last-Event-ID', async () => {
      const owner = pushed[3];
      if (!owner) throw new Error('the test world lacks a fourth citizen');
      const reference = `CEET-${owner.numero}`;
      const token = await tokens.citizen(owner.niu);
      const replicas = stack.replicasOf('supervision');
      const isLeader = async (name: string) => ((await (await fetch(new URL('/ready', stack.services.get(name)!.url))).json()) as { leader?: boolean }).leader === true;
      let leader: string | undefined;
      await expect
        .poll(async () => (leader = (await Promise.all(replicas.map(async (n) => ((await isLeader(n).catch(() => false)) ? n : undefined)))).find(Boolean)), { timeout: 30_000 })
        .toBeDefined();
      const follower = replicas.find((n) => n !== leader)!;
      const after = await head();
      const clients = [track(sseSubscribe(balancer(), { query: myEvents, variables: { after }, token })), track(wsSubscribe(balancer(), { query: myEvents, variables: { after }, token }))];
      await expect.poll(async () => (await holders(token)).length, { timeout: 10_000 }).toBe(2);

      // Every gateway's upstream stream onto the leader: the follower's die with it and resume there (round robin put
      // them anywhere), then the follower comes back, with no stream.
      await stack.kill(follower, 'SIGKILL');
      await stack.restart(follower);
      await expect.poll(() => isLeader(follower).catch(() => true), { timeout: 30_000 }).toBe(false);

      const ceet = createSimulatorAdmin(stack.legacyUrls.ceet, 'ceet');
      await ceet.setDossierStatus(owner.numero, '30');
      const beforeKill = await Promise.all(clients.map((c) => readUntil(c, reference, 'ACTION_REQUIRED', (e) => e.reference === reference)));
      const lastBeforeKill = Number(beforeKill[0]!.at(-1)!.cursor);

      const mark = haproxyLines.length;
      await stack.kill(leader!, 'SIGKILL');
      // Made while no replica ingests: the follower reads it from CEET's feed once it holds the lease.
      await ceet.setDossierStatus(owner.numero, '90');
      const afterKill = await Promise.all(clients.map((c) => readUntil(c, reference, 'REJECTED', (e) => e.reference === reference)));
      await expect.poll(() => isLeader(follower), { timeout: 30_000 }).toBe(true);

      // Each client got every event of the owner's dossiers in the shared log, once, in order: nothing lost, nothing twice.
      const logged = (await events.query<{ seq: string }>("SELECT seq::text FROM supervision_events WHERE seq > $1 AND body->>'ownerNiu' = $2 ORDER BY seq", [after, owner.niu])).rows.map((r) =>
        Number(r.seq),
      );
      for (const [i, transport] of ['sse', 'ws'].entries()) {
        const cursors = [...beforeKill[i]!, ...afterKill[i]!].map((e) => Number(e.cursor));
        expect(cursors, transport).toEqual(logged.slice(0, cursors.length));
        expect(new Set(cursors).size, transport).toBe(cursors.length);
      }
      // HAProxy's log of the internal stream: after the kill, both gateways reconnected to the follower, each resuming
      // from a cursor no older than the last event before the kill (the gateway's Last-Event-ID, not the log's head).
      // The ministry subgraphs' streams (`?feedReads=1`, the freshness rule's) start again from the head by design:
      // everything they kept is forgotten on a reconnection.
      const resumed = haproxyLines
        .slice(mark)
        .map((line) => /supervision-replicas\/(\S+) \S+ (\d{3}) .*\{([^}]*)\} "GET \/internal\/dossier-events(?![^" ]*feedReads)/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null && m[2] === '200');
      expect(resumed.map((m) => m[1])).toEqual(resumed.map(() => follower));
      expect(resumed.length, haproxyLines.slice(mark).join('\n')).toBeGreaterThanOrEqual(stack.replicasOf('gateway').length);
      for (const m of resumed) expect(Number(m[3])).toBeGreaterThanOrEqual(lastBeforeKill);
      for (const subscriber of open.splice(0)) await subscriber.close();
      await stack.restart(leader!);
    }, 180_000);
  });

  it('delivers webhooks from two replicas sharing PostgreSQL: each event once, signed, retried after a 503, none lost when a replica dies', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const response = await fetch(`${stack.idpUrl}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'integrator', scopes: ['webhooks:manage', 'dossiers:read'], clientId: 'integrateur-scaled' }),
      });
      const token = ((await response.json()) as { access_token: string }).access_token;
      const registered = await post(
        'mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { secret webhook { id } } }',
        { input: { url: receiver.url('/scaled'), eventTypes: ['STATUS_CHANGED'], ministries: ['ENERGY'] } },
        token,
      );
      expect(registered.body.errors).toBeUndefined();
      const { secret } = registered.body.data!.registerWebhook as { secret: string };
      receiver.secretFor('/scaled', secret);
      // Each message refused once: the retry may be made by either replica.
      receiver.answer('/scaled', (_request, seen) => (seen === 0 ? 503 : 204));
      const moved = pushed.slice(-4);
      const ceet = createSimulatorAdmin(stack.legacyUrls.ceet, 'ceet');
      await ceet.setDossierStatus(moved[0]!.numero, '30');
      await ceet.setDossierStatus(moved[1]!.numero, '30');
      // One replica dies (SIGKILL); the other follows the same stream and takes over its leased deliveries.
      const [first] = stack.replicasOf('webhooks');
      await stack.kill(first!);
      await ceet.setDossierStatus(moved[2]!.numero, '30');
      await ceet.setDossierStatus(moved[3]!.numero, '30');
      const accepted = (reference: string) => receiver.at('/scaled').filter((r) => r.status === 204 && (JSON.parse(r.body) as { data: { reference: string } }).data.reference === reference);
      for (const request of moved) await expect.poll(() => accepted(`CEET-${request.numero}`).length, { timeout: 60_000 }).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      for (const request of moved) {
        const reference = `CEET-${request.numero}`;
        expect(accepted(reference), reference).toHaveLength(1);
        const all = receiver.at('/scaled').filter((r) => (JSON.parse(r.body) as { data: { reference: string } }).data.reference === reference);
        expect(new Set(all.map((r) => r.id)).size, reference).toBe(1);
        expect(all.every((r) => r.verified)).toBe(true);
      }
      // One delivery per event in the shared store, whichever replica fanned it out.
      const client = new pg.Client({ connectionString: stack.databaseUrl });
      await client.connect();
      try {
        const rows = await client.query<{ cursor: string; n: string }>(
          `SELECT d.event_cursor AS cursor, count(*)::text AS n FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.webhook_id WHERE w.owner_subject = 'integrateur-scaled' GROUP BY d.event_cursor`,
        );
        expect(rows.rows.length).toBeGreaterThanOrEqual(moved.length);
        expect(rows.rows.every((row) => row.n === '1')).toBe(true);
      } finally {
        await client.end();
      }
      await stack.restart(first!);
    } finally {
      await receiver.close();
    }
  }, 180_000);
});
