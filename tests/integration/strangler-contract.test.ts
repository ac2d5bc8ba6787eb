import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RnecV2Operation, rnecV2Operations } from '../../legacy/rnec/index.js';
import { gql } from '../support/graphql-client.js';
import { legacyAdmin } from '../support/legacy-admin.js';
import { sample } from '../support/prometheus.js';
import { describePublicContract } from '../support/public-contract.js';
import { spawnExtra, type ExtraService } from '../support/spawn-extra.js';
import { spawnGateway, type ExtraGateway } from '../support/spawn-gateway.js';
import { testInternalTokenSecret } from '../support/test-secrets.js';
import { citizenToken } from '../support/tokens.js';
import { citizenInAllSystems, citizensInAllSystems, testWorld } from '../support/world.js';

/**
 * Strangler migration of the civil registry: the public contract's assertions, unchanged, through a gateway whose
 * civil-registry subgraph runs with RNEC_MODE=soap, rest and shadow (its own process over the stack's RNEC
 * simulator, which serves SOAP v1 and REST v2 over the same registry). The schema and the clients do not change.
 */
const modes = ['soap', 'rest', 'shadow'] as const;

async function spawnCivilRegistry(env: NodeJS.ProcessEnv): Promise<ExtraService> {
  return spawnExtra(`civil-registry-${env.RNEC_MODE ?? 'soap'}`, 'subgraphs/civil-registry/main.js', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
    RNEC_URL: `${inject('legacyUrls').rnec}/ws/rnec`,
    OUTBOX_PATH: join(mkdtempSync(join(tmpdir(), 'guichet-strangler-')), 'civil-registry.sqlite'),
    // Every call reaches RNEC (the counters below count them); short windows as in the stack.
    IDENTITY_CACHE_TTL_MS: '0',
    RNEC_TIMEOUT_MS: '1000',
    RNEC_DEADLINE_MS: '2500',
    RNEC_RETRY_BASE_DELAY_MS: '20',
    RNEC_BREAKER_HALF_OPEN_AFTER_MS: '300',
    ...env,
  });
}

const metricsOf = async (subgraph: ExtraService) => (await fetch(subgraph.url.replace(/\/graphql$/, '/metrics'), { headers: { connection: 'close' } })).text();

/** The RNEC calls one dashboard query makes, by API: proof of which path answered. */
async function rnecCallsOfOneDashboard(gateway: ExtraGateway, niu: string): Promise<{ soap: number; v2: number }> {
  await legacyAdmin.resetCalls('rnec');
  const response = await gql(`query($niu: ID!) { citizen(niu: $niu) { firstName civilActs { number } } }`, { niu }, { url: gateway.graphqlUrl, token: await citizenToken(niu) });
  expect(response.errors).toBeUndefined();
  const calls = await legacyAdmin.calls('rnec');
  const count = (v2: boolean) =>
    Object.entries(calls)
      .filter(([op]) => op.startsWith('v2.') === v2)
      .reduce((sum, [, n]) => sum + n, 0);
  return { soap: count(false), v2: count(true) };
}

for (const mode of modes) {
  describe(`civil registry with RNEC_MODE=${mode}`, () => {
    let subgraph: ExtraService;
    let gateway: ExtraGateway;

    beforeAll(async () => {
      subgraph = await spawnCivilRegistry({ RNEC_MODE: mode });
      gateway = await spawnGateway({ WORKERS: '1', NODE_ENV: 'test' }, { ...inject('serviceUrls'), 'civil-registry': subgraph.url });
    });
    afterAll(async () => {
      await legacyAdmin.reset('rnec');
      await gateway?.stop();
      await subgraph?.stop();
    });

    describePublicContract(`public contract, civil registry over RNEC_MODE=${mode}`, () => gateway.graphqlUrl);

    it('reads RNEC through the configured API', async () => {
      const calls = await rnecCallsOfOneDashboard(gateway, citizensInAllSystems()[1]!.niu);
      if (mode === 'soap') expect(calls).toMatchObject({ soap: 2, v2: 0 });
      if (mode === 'rest') expect(calls).toMatchObject({ soap: 0, v2: 2 });
      // Shadow: SOAP answers, v2 is called alongside (the comparison may still be on its way).
      if (mode === 'shadow') expect(calls.soap).toBe(2);
    });

    if (mode === 'shadow') {
      it('counts comparisons in /metrics: every shadowed read matched', async () => {
        const text = await waitForMetrics(subgraph, (t) => sample(t, 'guichet_legacy_shadow_comparisons_total', { result: 'match' }) > 0);
        expect(sample(text, 'guichet_legacy_shadow_comparisons_total', { system: 'rnec', operation: 'getCitizens', result: 'match' })).toBeGreaterThan(0);
        expect(sample(text, 'guichet_legacy_shadow_comparisons_total', { result: 'mismatch' })).toBe(0);
        expect(sample(text, 'guichet_legacy_shadow_differences_total')).toBe(0);
        expect(sample(text, 'guichet_legacy_shadow_duration_seconds_count', { side: 'secondary', path: 'rest' })).toBeGreaterThan(0);
      });

      it('under a fault injected in v2 only: the answers are still right, a secondary_error is counted', async () => {
        const citizen = citizenInAllSystems();
        const person = testWorld().persons.find((p) => p.niu === citizen.niu)!;
        await legacyAdmin.setFaults('rnec', { errorRate: 1, operations: [...rnecV2Operations] });
        try {
          const response = await gql<{ citizen: { lastName: string; birthDate: string; civilActs: { number: string }[] } }>(
            `query($niu: ID!) { citizen(niu: $niu) { lastName birthDate civilActs { number } } }`,
            { niu: citizen.niu },
            { url: gateway.graphqlUrl, token: await citizenToken(citizen.niu) },
          );
          expect(response.errors).toBeUndefined();
          expect(response.data!.citizen.lastName.toUpperCase()).toBe(person.lastName.toUpperCase());
          expect(response.data!.citizen.birthDate).toBe(person.birthDate);
          expect(response.data!.citizen.civilActs.map((a) => a.number)).toContain(person.birthActNumber);
          const text = await waitForMetrics(subgraph, (t) => sample(t, 'guichet_legacy_shadow_comparisons_total', { result: 'secondary_error' }) >= 2);
          expect(sample(text, 'guichet_legacy_shadow_comparisons_total', { operation: 'listActs', result: 'secondary_error' })).toBeGreaterThan(0);
          // The failing candidate never touched the answering path's circuit.
          expect(sample(text, 'guichet_legacy_circuit_state', { system: 'rnec', state: 'closed' })).toBe(1);
          expect((await legacyAdmin.calls('rnec'))[RnecV2Operation.listerActes]).toBeGreaterThan(0);
          // Logged by operation and code; never a NIU or a name.
          const logged = subgraph.lines.filter((line) => line.includes('shadow comparison'));
          expect(logged.some((line) => line.includes('"operation":"listActs"') && line.includes('BACKEND_ERROR'))).toBe(true);
          expect(subgraph.lines.join('\n')).not.toContain(citizen.niu);
          expect(subgraph.lines.join('\n').toUpperCase()).not.toContain(person.lastName.toUpperCase());
        } finally {
          await legacyAdmin.reset('rnec');
        }
      });
    }
  });
}

describe('civil registry routing at start-up', () => {
  it('refuses a bad mode or an unknown operation with a clear message, exit code 2, no stack trace', () => {
    const entry = fileURLToPath(new URL('../../dist/subgraphs/civil-registry/main.js', import.meta.url));
    const env = { ...process.env, INTERNAL_TOKEN_SECRET: testInternalTokenSecret, RNEC_MODE: 'grpc', RNEC_MODE_OVERRIDES: 'findPersons:rest' };
    const run = spawnSync(process.execPath, [entry], { env, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/RNEC_MODE="grpc": expected soap, rest or shadow/);
    expect(run.stderr).toMatch(/RNEC_MODE_OVERRIDES="findPersons:rest": unknown operation "findPersons" \(expected one of getCitizen, getCitizens, /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

async function waitForMetrics(subgraph: ExtraService, ready: (text: string) => boolean): Promise<string> {
  const until = Date.now() + 5_000;
  for (;;) {
    const text = await metricsOf(subgraph);
    if (ready(text) || Date.now() > until) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
