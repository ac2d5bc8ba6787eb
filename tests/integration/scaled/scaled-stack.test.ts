import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCeetAdapter } from '../../../adapters/ceet/index.js';
import { createSimulatorAdmin } from '../../../legacy/shared/index.js';
import { generateWorld } from '../../../legacy/world/index.js';
import { createTokenSource } from '../../../scripts/soak/create-token-source.js';
import { startScaledStack, type ScaledStack } from '../../../scripts/stack/index.js';
import { testWorldOptions } from '../../support/world.js';

const world = generateWorld(testWorldOptions);
const citizen = world.persons.find((p) => world.electricityRequests.some((r) => r.niu === p.niu) && p.deathDate === null)!;
const applicant = world.persons.filter((p) => p.birthDate < '1985-01-01' && p.deathDate === null)[7]!;

const leaseMs = 6_000;

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
      onLine: (name, line) => {
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
});
