import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileAuditStore, type AuditEntry } from '../../audit/index.js';
import { createLogger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { companyAuditSubject } from '../../schema/index.js';
import { agentPrincipal, citizenPrincipal, postAs, testSubgraphSecret } from '../shared/testing/index.js';
import { readDossiersConfig } from './config.js';
import { startDossiersSubgraph } from './start-dossiers-subgraph.js';

const nif = '1000000016';
const otherNif = '1000000024';
const representative = { ...citizenPrincipal('111111111111'), companies: [nif] };
const query = `{ myCompanies { nif accessLog(last: 10) { kind role ministry client operation systems } } }`;

const entry = (niu: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: '2026-11-02T10:00:00.000Z',
  subject: 'agent-mines',
  role: 'agent',
  ministry: 'MINES',
  clientId: 'console-agents',
  niu,
  action: 'read',
  operationName: 'CompanyDossier',
  systems: ['mines'],
  traceId: '0'.repeat(32),
  ...overrides,
});

let subgraph: RunningService;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-company-log-test-'));
  const path = join(dir, 'audit.jsonl');
  const trail = createFileAuditStore({ path, hmacKey: 'company-access-log-test-key-0123456789', sync: false });
  await trail.open();
  // The agent read the company's dossier; a representative read another company's; a citizen's own record.
  await trail.append([
    entry(companyAuditSubject(nif)),
    entry(companyAuditSubject(otherNif), { role: 'citizen', ministry: undefined, clientId: 'portail-web', subject: 'citoyen-x' }),
    entry('111111111111', { operationName: 'Other' }),
  ]);
  await trail.close();
  const config = readDossiersConfig({ PORT: '0', NODE_ENV: 'test', INTERNAL_TOKEN_SECRET: testSubgraphSecret, AUDIT_LOG_PATH: path });
  subgraph = await startDossiersSubgraph(config, createLogger('dossiers-test', 'silent'));
});
afterAll(() => subgraph?.close());

describe('a company’s access log (myCompanies)', () => {
  it('lists the companies of the caller’s mandates, each with who accessed its data, and no other company’s', async () => {
    const reply = await postAs<{ myCompanies: { nif: string; accessLog: unknown[] }[] }>(subgraph.url, representative, query);
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.myCompanies).toEqual([
      { nif, accessLog: [{ kind: 'READ', role: 'AGENT', ministry: expect.stringMatching(/Mines/), client: 'console-agents', operation: 'CompanyDossier', systems: ['mines'] }] },
    ]);
  });

  it('is empty for a citizen with no mandate, and refused to anyone but a citizen', async () => {
    expect((await postAs(subgraph.url, citizenPrincipal('222222222222'), query)).data).toEqual({ myCompanies: [] });
    const agent = await postAs(subgraph.url, agentPrincipal('MINES'), query);
    expect(agent.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
