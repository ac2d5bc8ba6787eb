import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSimulatorAdmin } from '../../../legacy/shared/index.js';
import { legacyServices } from '../../../scripts/stack/index.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { spawnExtra, type ExtraService } from '../../support/spawn-extra.js';
import { testInternalTokenSecret } from '../../support/test-secrets.js';
import { internalTokenFor } from '../../support/tokens.js';
import { atVisitFor } from '../../support/subjects.js';
import type { ElectricityRequest } from '../../../legacy/world/index.js';

/**
 * Status polls the change feed proves unchanged (subgraphs/shared/freshness): this file's own supervision subgraph
 * (feeds read every 300 ms) and electricity subgraph following its stream, over the stack's simulators. The stack's
 * own ministry subgraphs run with the feature off (ephemeral ports: scripts/stack/start-stack.ts).
 */
const POLL_MS = 300;
const MAX_AGE_MS = POLL_MS + 1_000;
const dir = mkdtempSync(join(tmpdir(), 'proven-status-polls-'));
let supervision: ExtraService;
let electricity: ExtraService;

const reader = { subject: 'test-integrator', role: 'integrator', scopes: ['dossiers:read'], clientId: 'test' } as const;
type Polled = { reference: string; status: string; ministryStatus: string | null; stale: boolean; asOf: string | null };
const poll = async (reference: string): Promise<Polled> => {
  const response = await gql<{ _entities: Polled[] }>(
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ElectricityConnectionRequest { reference status ministryStatus stale asOf } } }`,
    { representations: [{ __typename: 'ElectricityConnectionRequest', reference }] },
    { url: electricity.url, internalToken: await internalTokenFor(reader) },
  );
  expect(response.errors).toBeUndefined();
  const polled = response.data!._entities[0]!;
  // The instant a kept record is proven at reaches whoever keeps the answer (the gateway proves it from there).
  const provenAt = response.headers.get('guichet-cache-proven-at');
  expect(provenAt).toBe(polled.asOf === null ? null : String(Date.parse(polled.asOf)));
  return polled;
};
const batchCalls = async () => (await legacyAdmin.calls('ceet')).consulterDemandesParNumeros ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Polls until `done` or 15 s; returns the last answer. */
const pollUntil = async (reference: string, done: (p: Polled) => boolean): Promise<Polled> => {
  const deadline = Date.now() + 15_000;
  let last = await poll(reference);
  while (!done(last) && Date.now() < deadline) {
    await sleep(100);
    last = await poll(reference);
  }
  return last;
};

beforeAll(async () => {
  const legacyUrls = inject('legacyUrls') as Record<string, string>;
  const legacyEnv: NodeJS.ProcessEnv = { CEET_API_KEY: 'dev-ceet-key' };
  for (const s of legacyServices) legacyEnv[s.legacy.urlEnv] = s.legacy.urlFrom === 'endpoint' ? `${legacyUrls[s.legacy.system]}/ws/${s.legacy.system}` : legacyUrls[s.legacy.system];
  const base = { NODE_ENV: 'test', LOG_LEVEL: 'info', INTERNAL_TOKEN_SECRET: testInternalTokenSecret, ...legacyEnv };
  supervision = await spawnExtra('supervision-freshness', 'subgraphs/supervision/main.js', {
    ...base,
    SUPERVISION_STORE_PATH: join(dir, 'read-model.sqlite'),
    SUPERVISION_POLL_MS: String(POLL_MS),
    SUPERVISION_OUTBOX_OUTCOMES: 'false',
  });
  electricity = await spawnExtra('electricity-freshness', 'subgraphs/electricity/main.js', {
    ...base,
    OUTBOX_PATH: join(dir, 'outbox.sqlite'),
    DOSSIER_EVENTS_URL: `${new URL(supervision.url).origin}/internal/dossier-events`,
    DOSSIER_FRESHNESS_MAX_AGE_MS: String(MAX_AGE_MS),
  });
}, 60_000);

afterAll(async () => {
  await electricity?.stop();
  await supervision?.stop();
  await legacyAdmin.reset('ceet');
  rmSync(dir, { recursive: true, force: true });
});

describe('status polls proven unchanged by the change feed (real simulators, own supervision and electricity subgraphs)', () => {
  // A request at « visite programmée » (20) of this suite's own, of a citizen no other suite files for
  // (tests/support/subjects).
  const [request] = atVisitFor('provenStatusPolls') as [ElectricityRequest];
  const reference = `CEET-${request.numero}`;

  it('answers a second poll without a legacy call, with asOf; a status change shows within the feed interval', async () => {
    // Once the stream is up and a feed read follows the first read, a poll is answered from the kept record.
    const proven = await pollUntil(reference, (p) => p.asOf !== null);
    expect(proven).toMatchObject({ reference, status: 'IN_PROGRESS', stale: false });
    expect(Date.now() - Date.parse(proven.asOf!)).toBeLessThanOrEqual(MAX_AGE_MS + 1_000);
    const before = await batchCalls();
    const again = await poll(reference);
    expect(again.asOf).not.toBeNull();
    expect(await batchCalls()).toBe(before);

    await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '30');
    const changed = await pollUntil(reference, (p) => p.status === 'ACTION_REQUIRED');
    expect(changed.status).toBe('ACTION_REQUIRED');
    // And nothing older is served once the new status was seen.
    for (let i = 0; i < 5; i += 1) {
      expect((await poll(reference)).status).toBe('ACTION_REQUIRED');
      await sleep(POLL_MS);
    }
  }, 40_000);

  it('with the stream down, every poll is read from the legacy system (asOf null), and stays correct', async () => {
    await supervision.stop();
    await sleep(MAX_AGE_MS + 200);
    const before = await batchCalls();
    const polled = await poll(reference);
    expect(polled).toMatchObject({ reference, status: 'ACTION_REQUIRED', stale: false, asOf: null });
    expect(await batchCalls()).toBe(before + 1);
    await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '20');
    expect((await poll(reference)).status).toBe('IN_PROGRESS');
    expect(await batchCalls()).toBe(before + 2);
  }, 30_000);
});
