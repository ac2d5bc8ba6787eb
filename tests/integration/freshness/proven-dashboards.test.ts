import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSimulatorAdmin } from '../../../legacy/shared/index.js';
import { legacyServices } from '../../../scripts/stack/index.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { spawnExtra, type ExtraService } from '../../support/spawn-extra.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { testInternalTokenSecret } from '../../support/test-secrets.js';
import { citizenToken } from '../../support/tokens.js';
import { dossiersByCitizen, testWorld } from '../../support/world.js';

/**
 * A citizen's dossiers answered again by the gateway while the change feeds prove them unchanged (gateway/feed-proof):
 * this file's own supervision subgraph (feeds read every 300 ms) and its own gateway following it, over the stack's
 * subgraphs and simulators (the stack's gateway runs with the feature off: tests/support/global-setup.ts).
 */
const POLL_MS = 300;
const MAX_AGE_MS = POLL_MS + 1_000;
const dir = mkdtempSync(join(tmpdir(), 'proven-dashboards-'));
let supervision: ExtraService;
let gateway: ExtraGateway;

const dashboardQuery = readFileSync('clients/operations/CitizenDashboard.graphql', 'utf8');
type Dashboard = { citizen: { niu: string; firstName: string | null; dossiers: { totalCount: number; nodes: { reference: string; status: string }[] } } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ministryCalls = async () => {
  const counts = await Promise.all(['ceet', 'urbanisme', 'mines'].map(async (system) => Object.values(await legacyAdmin.calls(system as 'ceet')).reduce((a, b) => a + b, 0)));
  return counts.reduce((a, b) => a + b, 0);
};

// A request at « visite programmée » (20) whose owner has no other test's attention: the third from the end (the
// supervision room test moves the last, the status-poll test the last but one).
const request = testWorld()
  .electricityRequests.filter((r) => r.history.at(-1)?.status === 20)
  .at(-3);
if (!request) throw new Error('the test world has no third CEET request at status 20');
const reference = `CEET-${request.numero}`;
const owner = [...dossiersByCitizen().entries()].find(([, d]) => d.ceet.includes(reference))?.[0];
const other = [...dossiersByCitizen().entries()].find(([niu, d]) => niu !== owner && d.ceet.length > 0)?.[0];

const dashboard = async (niu: string) => {
  const response = await gql<Dashboard>(dashboardQuery, { niu }, { url: gateway.graphqlUrl, token: await citizenToken(niu) });
  expect(response.errors).toBeUndefined();
  return response.data!.citizen;
};
const auditRecordsOf = (niu: string) =>
  readFileSync(gateway.auditLogPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { niu: string; operationName: string | null })
    .filter((record) => record.niu === niu && record.operationName === 'CitizenDashboard').length;

beforeAll(async () => {
  if (!owner || !other) throw new Error('no owner or no other citizen for the proven-dashboard test');
  const legacyUrls = inject('legacyUrls') as Record<string, string>;
  const legacyEnv: NodeJS.ProcessEnv = { CEET_API_KEY: 'dev-ceet-key' };
  for (const s of legacyServices) legacyEnv[s.legacy.urlEnv] = s.legacy.urlFrom === 'endpoint' ? `${legacyUrls[s.legacy.system]}/ws/${s.legacy.system}` : legacyUrls[s.legacy.system];
  supervision = await spawnExtra('supervision-proven-dashboards', 'subgraphs/supervision/main.js', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
    ...legacyEnv,
    SUPERVISION_STORE_PATH: join(dir, 'read-model.sqlite'),
    SUPERVISION_POLL_MS: String(POLL_MS),
    SUPERVISION_OUTBOX_OUTCOMES: 'false',
  });
  gateway = await spawnGateway({
    NODE_ENV: 'test',
    DOSSIER_EVENTS_URL: `${new URL(supervision.url).origin}/internal/dossier-events`,
    FEED_PROOF_MAX_OWNERS: '1000',
    FEED_PROOF_MAX_AGE_MS: String(MAX_AGE_MS),
  });
}, 60_000);

afterAll(async () => {
  await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '20');
  await gateway?.stop();
  await supervision?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('dashboards proven unchanged by the change feeds (own supervision subgraph and gateway)', () => {
  it('answers a returning citizen without a ministry call, on the audit trail all the same; a status change shows', async () => {
    const first = await dashboard(owner!);
    expect(first.dossiers.nodes.find((n) => n.reference === reference)?.status).toBe('IN_PROGRESS');
    // Once a feed read follows the first read, the ministries' parts are answered from what the gateway kept.
    let proven = false;
    for (let i = 0; i < 60 && !proven; i += 1) {
      await sleep(200);
      const before = await ministryCalls();
      const again = await dashboard(owner!);
      expect(again).toEqual(first);
      proven = (await ministryCalls()) === before;
    }
    expect(proven).toBe(true);
    // Every dashboard answered is on the trail, kept answers included (their subgraphs' access reports travel with them).
    const recordsBefore = auditRecordsOf(owner!);
    await dashboard(owner!);
    await expect.poll(() => auditRecordsOf(owner!), { timeout: 5_000 }).toBe(recordsBefore + 1);

    // Another citizen never gets the first one's kept answer.
    const theirs = await dashboard(other!);
    expect(theirs.niu).toBe(other);
    expect(theirs.dossiers.nodes.some((n) => n.reference === reference)).toBe(false);

    await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '30');
    const deadline = Date.now() + 15_000;
    let status = 'IN_PROGRESS';
    while (status !== 'ACTION_REQUIRED' && Date.now() < deadline) {
      await sleep(100);
      status = (await dashboard(owner!)).dossiers.nodes.find((n) => n.reference === reference)?.status ?? 'missing';
    }
    expect(status).toBe('ACTION_REQUIRED');
    // Nothing older is served once the new status was seen.
    for (let i = 0; i < 5; i += 1) {
      expect((await dashboard(owner!)).dossiers.nodes.find((n) => n.reference === reference)?.status).toBe('ACTION_REQUIRED');
      await sleep(POLL_MS);
    }
  }, 60_000);

  it('with the stream down, every dashboard asks the ministries again, and stays correct', async () => {
    await supervision.stop();
    await sleep(MAX_AGE_MS + 200);
    const before = await ministryCalls();
    const answer = await dashboard(owner!);
    expect(answer.dossiers.nodes.find((n) => n.reference === reference)?.status).toBe('ACTION_REQUIRED');
    expect(await ministryCalls()).toBeGreaterThan(before);
    await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '20');
    expect((await dashboard(owner!)).dossiers.nodes.find((n) => n.reference === reference)?.status).toBe('IN_PROGRESS');
  }, 30_000);
});
