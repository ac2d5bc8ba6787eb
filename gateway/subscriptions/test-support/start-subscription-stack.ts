import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { createTokenMinter } from '../../../idp/create-token-minter.js';
import { loadOrCreateSigningKey } from '../../../idp/signing-key.js';
import { devToken, startTestIdp, testNius } from '../../../idp/test-support/start-test-idp.js';
import type { DossierEvent } from '../../../events/index.js';
import { companyAuditSubject, type MinistryCode } from '../../../schema/index.js';
import type { RunningService } from '../../../lib/service/index.js';
import { startTestGateway } from '../../test-support/start-test-stack.js';
import { startTestSubgraph } from '../../test-support/start-test-subgraph.js';
import { civilRegistry } from '../../test-support/test-subgraphs.js';
import { writeTestSupergraph } from '../../test-support/write-test-supergraph.js';
import { startTestEventSource, testInternalSecret, type TestEventSource } from './start-test-event-source.js';

export interface SubscriptionStack {
  readonly gateway: RunningService;
  readonly source: TestEventSource;
  /** Citizens of the test world; Alice and Bob own a dossier each at the CEET. */
  readonly alice: string;
  readonly bob: string;
  /** A third citizen, who owns no dossier here. */
  readonly carol: string;
  readonly aliceDossier: string;
  readonly bobDossier: string;
  /** A company's dossier at the CEET (owner `company:<NIF>`), and that company's NIF. */
  readonly companyDossier: string;
  readonly companyNif: string;
  token(request: { role: 'citizen' | 'agent' | 'supervisor'; niu?: string; ministry?: MinistryCode }): Promise<string>;
  /** A citizen's token that expires in `seconds`. */
  shortToken(niu: string, seconds: number): Promise<string>;
  /** A citizen's token that says they represent `companies` (the signed `companies` claim). */
  representativeToken(niu: string, companies: readonly string[]): Promise<string>;
  /** A CEET event of `reference`, owned by `niu` (a citizen's NIU, or `company:<NIF>`). */
  publish(reference: string, niu: string, status?: DossierEvent['status']): DossierEvent;
  /** Every event published so far, in order. */
  published(): readonly DossierEvent[];
  /** The audit trail's records, as written. */
  auditRecords(): { niu: string; subject: string; operationName: string | null; systems: string[] }[];
  close(): Promise<void>;
}

/** A gateway (in this process) whose subscriptions read a test event source, with a test IdP for real tokens. */
export async function startSubscriptionStack(env: NodeJS.ProcessEnv = {}): Promise<SubscriptionStack> {
  const [alice, bob, carol] = testNius;
  if (!alice || !bob || !carol) throw new Error('test world without three citizens');
  const aliceDossier = 'CEET-2026-000101';
  const bobDossier = 'CEET-2026-000202';
  const companyDossier = 'CEET-2026-000303';
  const companyNif = '1000000016';
  const idp = await startTestIdp();
  const source = await startTestEventSource({ [aliceDossier]: alice, [bobDossier]: bob, [companyDossier]: companyAuditSubject(companyNif) });
  const subgraph = await startTestSubgraph(civilRegistry);
  const auditPath = join(mkdtempSync(join(tmpdir(), 'guichet-subscriptions-')), 'audit.jsonl');
  const issuer = String(decodeJwt(await devToken(idp, { role: 'supervisor' })).iss);
  const gateway = await startTestGateway(writeTestSupergraph([subgraph]), {
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: idp.config.audience,
    INTERNAL_TOKEN_SECRET: testInternalSecret,
    DOSSIER_EVENTS_URL: source.eventsUrl,
    DOSSIER_LOOKUP_URL: source.lookupUrl,
    AUDIT_LOG_PATH: auditPath,
    ...env,
  });
  const key = await loadOrCreateSigningKey(idp.config.keyPath);
  return {
    gateway,
    source,
    alice,
    bob,
    carol,
    aliceDossier,
    bobDossier,
    companyDossier,
    companyNif,
    token: (request) => devToken(idp, request),
    async shortToken(niu, seconds) {
      const minter = createTokenMinter({ key, issuer, audience: idp.config.audience, ttlSeconds: seconds, development: true });
      return (await minter.mint({ sub: minter.citizenSubject(niu), client_id: 'app-mobile', role: 'citizen', niu })).accessToken;
    },
    async representativeToken(niu, companies) {
      const minter = createTokenMinter({ key, issuer, audience: idp.config.audience, ttlSeconds: 600, development: true });
      return (await minter.mint({ sub: minter.citizenSubject(niu), client_id: 'app-mobile', role: 'citizen', niu, companies })).accessToken;
    },
    published: () => source.published(),
    publish: (reference, niu, status = 'IN_PROGRESS') =>
      source.publish({
        type: 'STATUS_CHANGED',
        reference,
        ownerNiu: niu,
        ministry: 'ENERGY',
        system: 'ceet',
        procedure: 'CEET-RACCORDEMENT',
        status,
        ministryStatus: 'EN_COURS',
        previousStatus: 'SUBMITTED',
        at: new Date().toISOString(),
      }),
    auditRecords: () =>
      readFileSync(auditPath, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as { niu: string; subject: string; operationName: string | null; systems: string[] }),
    async close() {
      await gateway.close();
      await Promise.all([source.close(), subgraph.close(), idp.close()]);
    },
  };
}
