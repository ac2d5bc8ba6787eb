import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSimulatorAdmin } from '../../../legacy/shared/index.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import type { ExtraService } from '../../support/spawn-extra.js';
import type { ExtraGateway } from '../../support/spawn-gateway.js';
import { spawnFeedProofStack, type FeedProofStack } from '../../support/spawn-feed-proof-stack.js';
import { citizenToken } from '../../support/tokens.js';
import { dossiersByCitizen } from '../../support/world.js';
import { atVisitFor, quietCitizensFor } from '../../support/subjects.js';
import type { ElectricityRequest } from '../../../legacy/world/index.js';

/**
 * A citizen's dossiers by reference answered again by the gateway while the change feeds prove them unchanged
 * (gateway/feed-proof): this file's own supervision subgraph (feeds read every 300 ms) and its own gateway following it,
 * over the stack's subgraphs and simulators (the stack's gateway runs with the feature off: tests/support/global-setup.ts).
 */
const POLL_MS = 300;
const MAX_AGE_MS = POLL_MS + 1_000;
let supervision: ExtraService;
let gateway: ExtraGateway;
let stack: FeedProofStack | undefined;

const statusQuery = readFileSync('clients/operations/DossierStatus.graphql', 'utf8');
const dashboardQuery = readFileSync('clients/operations/CitizenDashboard.graphql', 'utf8');
type Status = { dossier: { reference: string; status: string } | null };
type Dashboard = { citizen: { dossiers: { nodes: { reference: string; status: string }[] } } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ceetCalls = async () => legacyAdmin.calls('ceet');
const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

// A request at « visite programmée » (20) whose owner has no other test's attention: the third from the end (the
// supervision room test moves the last, the status-poll test the last but one).
const [request] = atVisitFor('provenGatewayReads') as [ElectricityRequest];
const reference = `CEET-${request.numero}`;
const owner = [...dossiersByCitizen().entries()].find(([, d]) => d.ceet.includes(reference))?.[0];
const other = quietCitizensFor('provenGatewayReads')[0]?.niu;

const status = async (niu: string) => {
  const response = await gql<Status>(statusQuery, { reference }, { url: gateway.graphqlUrl, token: await citizenToken(niu) });
  return response;
};
const ownStatus = async () => {
  const response = await status(owner!);
  expect(response.errors).toBeUndefined();
  return response.data!.dossier!.status;
};
const auditRecordsOf = (niu: string, operation: string) =>
  readFileSync(gateway.auditLogPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { niu: string; operationName: string | null })
    .filter((record) => record.niu === niu && record.operationName === operation).length;

beforeAll(async () => {
  if (!owner || !other) throw new Error('no owner or no other citizen for the proven-reads test');
  stack = await spawnFeedProofStack('proven-reads', POLL_MS, {
    // The subgraph answers kept, alone: whole responses kept on the same proof are private-responses.test.ts's.
    PRIVATE_RESPONSE_CACHE_MAX_ENTRIES: '0',
  });
  ({ supervision, gateway } = stack);
}, 60_000);

afterAll(async () => {
  await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '20');
  await stack?.stop();
});

describe('dossiers by reference proven unchanged by the change feeds, at the gateway (own supervision subgraph and gateway)', () => {
  it('answers a returning phone’s status poll without a ministry call, on the audit trail all the same; a status change shows', async () => {
    expect(await ownStatus()).toBe('IN_PROGRESS');
    // Once a feed read follows the first read, the poll is answered from what the gateway kept.
    let proven = false;
    for (let i = 0; i < 60 && !proven; i += 1) {
      await sleep(200);
      const before = total(await ceetCalls());
      expect(await ownStatus()).toBe('IN_PROGRESS');
      proven = total(await ceetCalls()) === before;
    }
    expect(proven).toBe(true);
    // Every poll answered is on the trail, kept answers included (their subgraph's access report travels with them).
    const recordsBefore = auditRecordsOf(owner!, 'DossierStatus');
    await ownStatus();
    await expect.poll(() => auditRecordsOf(owner!, 'DossierStatus'), { timeout: 5_000 }).toBe(recordsBefore + 1);

    // Another citizen never gets the owner's kept answer.
    const theirs = await status(other!);
    expect(theirs.data?.dossier ?? null).toBeNull();

    await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '30');
    const deadline = Date.now() + 15_000;
    let seen = 'IN_PROGRESS';
    while (seen !== 'ACTION_REQUIRED' && Date.now() < deadline) {
      await sleep(100);
      seen = await ownStatus();
    }
    expect(seen).toBe('ACTION_REQUIRED');
    // Nothing older is served once the new status was seen.
    for (let i = 0; i < 5; i += 1) {
      expect(await ownStatus()).toBe('ACTION_REQUIRED');
      await sleep(POLL_MS);
    }
  }, 60_000);

  it('keeps no list: each dashboard reads its lists once, and its page through the seals, never by reference', async () => {
    const dashboard = async () => {
      const response = await gql<Dashboard>(dashboardQuery, { niu: owner }, { url: gateway.graphqlUrl, token: await citizenToken(owner!) });
      expect(response.errors).toBeUndefined();
      return response.data!.citizen;
    };
    await dashboard();
    for (let i = 0; i < 3; i += 1) {
      await sleep(POLL_MS * 2);
      const before = await ceetCalls();
      expect((await dashboard()).dossiers.nodes.find((n) => n.reference === reference)?.status).toBe('ACTION_REQUIRED');
      const after = await ceetCalls();
      expect((after.listerDemandes ?? 0) - (before.listerDemandes ?? 0)).toBe(1);
      expect((after.consulterDemandesParNumeros ?? 0) - (before.consulterDemandesParNumeros ?? 0)).toBe(0);
    }
  }, 30_000);

  it('with the stream down, every poll asks the ministry again, and stays correct', async () => {
    await supervision.stop();
    await sleep(MAX_AGE_MS + 200);
    const before = total(await ceetCalls());
    expect(await ownStatus()).toBe('ACTION_REQUIRED');
    expect(total(await ceetCalls())).toBeGreaterThan(before);
    await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '20');
    expect(await ownStatus()).toBe('IN_PROGRESS');
  }, 30_000);
});
