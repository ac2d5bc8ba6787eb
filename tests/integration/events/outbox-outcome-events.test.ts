import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { INTERNAL_TOKEN_HEADER } from '../../../auth/index.js';
import { dossierEventSchema, type DossierEvent } from '../../../events/index.js';
import { connectedMinistries } from '../../../schema/index.js';
import { legacyServices } from '../../../scripts/stack/index.js';
import { openSse, type SseConnection, type SseFrame } from '../../../subgraphs/supervision/events/test-support/sse-reader.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { spawnExtra, type ExtraService } from '../../support/spawn-extra.js';
import { testInternalTokenSecret } from '../../support/test-secrets.js';
import { citizenToken, internalTokenFor } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

/**
 * A submission queued while CEET is down, delivered once it is back: the electricity subgraph's outbox records the
 * outcome, and a supervision subgraph reading every ministry subgraph's outbox (this file's own, told where the
 * stack's subgraphs listen) streams SUBMISSION_DELIVERED to the applicant.
 */
const world = testWorld();
// Not a citizen other suites count dossiers of.
const applicant = world.persons.filter((p) => p.birthDate < '1990-01-01' && p.deathDate === null)[7]!;
const gatewayPrincipal = { subject: 'gateway', role: 'supervisor', scopes: ['supervisor'], clientId: 'gateway' } as const;
const mutation = `mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference status } }`;

let supervision: ExtraService;
const dir = mkdtempSync(join(tmpdir(), 'outbox-outcome-events-'));
const connections: SseConnection[] = [];

beforeAll(async () => {
  const serviceUrls = inject('serviceUrls') as Record<string, string>;
  const legacyUrls = inject('legacyUrls') as Record<string, string>;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    INTERNAL_TOKEN_SECRET: testInternalTokenSecret,
    SUPERVISION_STORE_PATH: join(dir, 'read-model.sqlite'),
    SUPERVISION_POLL_MS: '200',
    CEET_API_KEY: 'dev-ceet-key',
  };
  for (const s of legacyServices) env[s.legacy.urlEnv] = s.legacy.urlFrom === 'endpoint' ? `${legacyUrls[s.legacy.system]}/ws/${s.legacy.system}` : legacyUrls[s.legacy.system];
  for (const { subgraph } of connectedMinistries) env[`SUBGRAPH_${subgraph.name.replaceAll('-', '_').toUpperCase()}_URL`] = serviceUrls[subgraph.name];
  supervision = await spawnExtra('supervision-outbox', 'subgraphs/supervision/main.js', env);
  // Outcomes from before its first read of an outbox are not news: wait until it has read electricity's.
  const deadline = Date.now() + 15_000;
  while (!supervision.lines.some((line) => line.includes('outbox outcomes: reading from the head') && line.includes('"ENERGY"')) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 30_000);

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.close();
  await Promise.all([legacyAdmin.reset('ceet'), legacyAdmin.reset('rnec')]);
});

afterAll(async () => {
  await supervision?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const eventOf = (frame: SseFrame): DossierEvent => dossierEventSchema.parse(JSON.parse(frame.data ?? 'null'));

describe('SUBMISSION_DELIVERED from a ministry outbox (real stack)', () => {
  it('streams the delivery of a queued submission to its owner, under the graph reference', async () => {
    expect(supervision.lines.some((line) => line.includes('outbox outcomes: reading from the head') && line.includes('"ENERGY"'))).toBe(true);
    const origin = new URL(supervision.url).origin;
    const stream = await openSse(`${origin}/internal/dossier-events?after=0`, { [INTERNAL_TOKEN_HEADER]: await internalTokenFor(gatewayPrincipal) });
    connections.push(stream);
    expect(stream.status).toBe(200);

    const token = await citizenToken(applicant.niu);
    await legacyAdmin.setFaults('ceet', { down: true });
    const input = { applicantNiu: applicant.niu, meterType: 'SINGLE_PHASE', communeCode: 'LACS1', quarter: 'Glidji', applianceCount: 4 };
    const filed = await gql<{ requestElectricityConnection: { reference: string; status: string } }>(mutation, { input, key: `outcome-${randomUUID()}` }, { token });
    expect(filed.errors).toBeUndefined();
    expect(filed.data?.requestElectricityConnection.status).toBe('QUEUED');
    await legacyAdmin.reset('ceet');

    const delivered = eventOf(await stream.until((f) => f.event === 'dossier' && eventOf(f).type === 'SUBMISSION_DELIVERED' && eventOf(f).ownerNiu === applicant.niu));
    expect(delivered).toMatchObject({
      type: 'SUBMISSION_DELIVERED',
      ownerNiu: applicant.niu,
      ministry: 'ENERGY',
      system: 'ceet',
      procedure: 'CEET-RACCORDEMENT-BT',
      previousStatus: null,
      ministryStatus: null,
    });
    expect(delivered.reference).toMatch(/^CEET-\d{4}-\d{6}$/);
    // Once (other suites' deliveries may share the stream: only this owner's are counted).
    const mine = stream.frames.filter((f) => f.event === 'dossier' && eventOf(f).type === 'SUBMISSION_DELIVERED' && eventOf(f).ownerNiu === applicant.niu);
    expect(mine.map((f) => eventOf(f).reference)).toEqual([delivered.reference]);
  }, 25_000);

  it('streams the rejection of a queued submission the ministry refuses, under the Guichet reference', async () => {
    const origin = new URL(supervision.url).origin;
    const stream = await openSse(`${origin}/internal/dossier-events?after=0`, { [INTERNAL_TOKEN_HEADER]: await internalTokenFor(gatewayPrincipal) });
    connections.push(stream);
    const token = await citizenToken(applicant.niu);
    await legacyAdmin.setFaults('rnec', { down: true });
    // An act number of the right shape that the registry does not have: refused once RNEC answers again.
    const unknownAct = `${applicant.birthActNumber.slice(0, -3)}999`;
    const filed = await gql<{ requestCivilActCopy: { reference: string; status: string } }>(
      `mutation($input: CivilActCopyInput!, $key: String!) { requestCivilActCopy(input: $input, idempotencyKey: $key) { reference status } }`,
      { input: { applicantNiu: applicant.niu, actNumber: unknownAct, copies: 1 }, key: `outcome-${randomUUID()}` },
      { token },
    );
    expect(filed.errors).toBeUndefined();
    const queued = filed.data?.requestCivilActCopy;
    expect(queued?.status).toBe('QUEUED');
    await legacyAdmin.reset('rnec');

    const rejected = eventOf(await stream.until((f) => f.event === 'dossier' && eventOf(f).type === 'SUBMISSION_REJECTED' && eventOf(f).ownerNiu === applicant.niu));
    expect(rejected).toMatchObject({
      type: 'SUBMISSION_REJECTED',
      reference: queued?.reference,
      ownerNiu: applicant.niu,
      ministry: 'CIVIL_REGISTRY',
      system: 'rnec',
      status: 'REJECTED',
      previousStatus: null,
    });
  }, 25_000);
});
