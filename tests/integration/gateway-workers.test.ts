import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFileAuditStore } from '../../audit/index.js';
import { createCheckpointVerifier, createWitnessClient } from '../../witness/client/index.js';
import { spawnGateway, type ExtraGateway } from '../support/spawn-gateway.js';
import { citizenToken } from '../support/tokens.js';
import { citizensInAllSystems } from '../support/world.js';

const auditKey = 'workers-test-audit-key-0123456789abcdef';

/** Child processes of `pid` (the cluster's workers), from /proc. */
function childrenOf(pid: number): number[] {
  const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return tasks === '' ? [] : tasks.split(' ').map(Number);
}

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A gateway with WORKERS=2 over the test stack's subgraphs: the primary owns the audit chain and the rate limits. */
describe('gateway workers', () => {
  let gateway: ExtraGateway;
  const citizen = citizensInAllSystems()[7]!;
  const dashboard = 'query($niu: ID!) { citizen(niu: $niu) { niu firstName civilActs { number } dossiers { totalCount } } }';
  // A fresh connection per request, so node:cluster spreads them over both workers.
  const post = async (token: string) => {
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, connection: 'close' },
      body: JSON.stringify({ query: dashboard, variables: { niu: citizen.niu } }),
    });
    return { status: response.status, body: (await response.json()) as { data?: { citizen?: { niu: string } }; errors?: { extensions?: { code?: string } }[] } };
  };

  beforeAll(async () => {
    gateway = await spawnGateway({ WORKERS: '2', AUDIT_HMAC_KEY: auditKey, RATE_LIMIT_USER_PER_MINUTE: '12', LOG_LEVEL: 'info' });
  });
  afterAll(() => gateway?.stop());

  it('serves from two worker processes under one primary', async () => {
    const pid = gateway.child.pid!;
    expect(childrenOf(pid)).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 6 }, async () => post(await citizenToken(citizen.niu))));
    for (const { status, body } of answers) {
      expect(status).toBe(200);
      expect(body.data?.citizen?.niu).toBe(citizen.niu);
    }
  });

  it('limits a caller once across workers, not once per worker', async () => {
    // 6 requests above were this caller's; 12 a minute in all, whichever worker answers.
    const token = await citizenToken(citizen.niu);
    const answers = [];
    for (let i = 0; i < 12; i += 1) answers.push(await post(token));
    const limited = answers.filter((a) => a.body.errors?.some((e) => e.extensions?.code === 'RATE_LIMITED'));
    expect(answers.length - limited.length).toBeLessThanOrEqual(7);
    expect(limited.length).toBeGreaterThanOrEqual(5);
  });

  it('keeps one unbroken audit chain written by the primary for both workers', async () => {
    const store = createFileAuditStore({ path: gateway.auditLogPath, hmacKey: auditKey });
    const verification = await store.verify();
    expect(verification).toMatchObject({ ok: true });
    const records = await store.listForNiu(citizen.niu, { limit: 100 });
    // One record per answered request that read the citizen's data (6 + those of the 12 that were not limited).
    expect(records.length).toBeGreaterThanOrEqual(6);
    await store.close();
  });

  it('has the primary report that one chain to the witness, and every worker’s /ready show it vouched for', async () => {
    const lines = () => readFileSync(gateway.auditLogPath, 'utf8').split('\n').filter(Boolean).length;
    const client = createWitnessClient({ url: inject('witnessUrl') });
    const verify = createCheckpointVerifier({ jwksUrl: client.jwksUrl });
    let witnessed = -1;
    for (let attempt = 0; attempt < 200 && witnessed !== lines(); attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      const latest = await client.latest(gateway.auditLogId);
      witnessed = latest === undefined ? -1 : (await verify(latest)).seq;
    }
    expect(witnessed).toBe(lines());
    for (let i = 0; i < 4; i += 1) {
      // A fresh connection each time: node:cluster hands them to either worker.
      const ready = (await (await fetch(`${gateway.url}/ready`, { headers: { connection: 'close' } })).json()) as { audit: { status: string; log: string } };
      expect(ready.audit).toMatchObject({ status: 'vouched', log: gateway.auditLogId });
    }
  });

  it('replaces a worker that dies, and keeps serving', async () => {
    const pid = gateway.child.pid!;
    const [victim] = childrenOf(pid);
    process.kill(victim!, 'SIGKILL');
    await waitFor(() => {
      const now = childrenOf(pid);
      return now.length === 2 && !now.includes(victim!);
    });
    expect(gateway.lines.some((line) => line.includes('gateway worker died; starting another'))).toBe(true);
    await waitFor(() => gateway.lines.some((line) => line.includes('replacement gateway worker listening')));
    const response = await fetch(`${gateway.url}/health`, { headers: { connection: 'close' } });
    expect(response.status).toBe(200);
  });

  it('stops the workers with the primary', async () => {
    const pid = gateway.child.pid!;
    const workers = childrenOf(pid);
    await gateway.stop();
    expect(gateway.child.exitCode).toBe(0);
    for (const worker of workers) expect(() => process.kill(worker, 0)).toThrow();
  });
});
