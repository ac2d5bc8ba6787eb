import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoCitizensInAllSystems, personOf } from '../../support/citizens.js';
import { forgeAccessToken, unsignedToken } from '../../support/forged-tokens.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import type { ExtraService } from '../../support/spawn-extra.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { spawnSubgraphs } from '../../support/spawn-subgraphs.js';
import { agentToken, citizenToken, integratorToken } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

/**
 * Ordinary logs never carry a NIU, a token or a name in clear. The stack's own lines stay inside the global setup,
 * so this file runs its own gateway and subgraphs (over the stack's simulators and IdP) at LOG_LEVEL=debug, drives
 * reads, refusals, writes and legacy failures through them, and reads every line they printed.
 */
const [self, other] = twoCitizensInAllSystems();
const filer = testWorld().persons.find((p) => p.birthDate < '1990-01-01' && p.deathDate === null)!;
const people = [personOf(self.niu), personOf(other.niu), filer];
const applicants = testWorld()
  .electricityRequests.slice(-60)
  .map((r) => r.niu);

let gateway: ExtraGateway;
let subgraphs: ExtraService[] = [];
const tokens: string[] = [];

beforeAll(async () => {
  const auditLogPath = join(mkdtempSync(join(tmpdir(), 'guichet-log-hygiene-')), 'audit.jsonl');
  subgraphs = await spawnSubgraphs({ AUDIT_LOG_PATH: auditLogPath, LOG_LEVEL: 'debug' });
  gateway = await spawnGateway({ NODE_ENV: 'test', LOG_LEVEL: 'debug', AUDIT_LOG_PATH: auditLogPath }, Object.fromEntries(subgraphs.map((s) => [s.name, s.url])));
  const url = gateway.graphqlUrl;
  const citizen = await citizenToken(self.niu);
  const agent = await agentToken('ENERGY');
  const forged = await forgeAccessToken({ sub: 'x', client_id: 'portail-web', role: 'citizen', niu: other.niu }, { expiresIn: -300 });
  tokens.push(citizen, agent, forged);
  const dashboard = `query($niu: ID!) { citizen(niu: $niu) { niu firstName lastName birthDate civilActs { number } dossiers(first: 20) { totalCount nodes { reference status } } } }`;
  const own = await gql<{ citizen: { niu: string } }>(dashboard, { niu: self.niu }, { url, token: citizen });
  if (own.data?.citizen?.niu !== self.niu) throw new Error(`the log-hygiene stack does not answer: ${JSON.stringify(own)}`);
  await gql(dashboard, { niu: other.niu }, { url, token: citizen });
  await gql(dashboard, { niu: '999999999999' }, { url, token: await integratorToken('citizens:read', 'dossiers:read') });
  await gql(`query($r: ID!) { dossier(reference: $r) { reference status } }`, { r: other.ceet[0]! }, { url, token: citizen });
  await gql(`{ electricityConnectionRequests(page: 1, pageSize: 50) { nodes { reference applicant { niu firstName lastName } } } }`, {}, { url, token: agent });
  await gql(`{ me { niu } }`, {}, { url, token: forged });
  await gql(`{ me { niu } }`, {}, { url, token: unsignedToken({ sub: 'x', client_id: 'portail-web', role: 'citizen', niu: other.niu }) });
  const mutation = `mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference } }`;
  const input = { meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Tokoin', applianceCount: 4 };
  // A real filing, by a citizen no other suite counts the dossiers of (the contract suites count `self`'s).
  await gql(mutation, { input: { ...input, applicantNiu: filer.niu }, key: `logs-${randomUUID()}` }, { url, token: await citizenToken(filer.niu) });
  await gql(mutation, { input: { ...input, applicantNiu: other.niu }, key: `logs-${randomUUID()}` }, { url, token: citizen });
  await gql(mutation, { input: { ...input, applicantNiu: self.niu, communeCode: 'nope' }, key: `logs-${randomUUID()}` }, { url, token: citizen });
  // Legacy failures: the paths where an error object (with whatever the legacy system said) gets logged.
  for (const [system, faults] of [
    ['ceet', { errorRate: 1 }],
    ['ceet', { malformedRate: 1 }],
    ['rnec', { errorRate: 1 }],
    ['urbanisme', { errorIn200Rate: 1 }],
    ['rnec', { truncatedRate: 1 }],
  ] as const) {
    await legacyAdmin.setFaults(system, faults);
    try {
      await gql(dashboard, { niu: self.niu }, { url, token: citizen });
      await gql(`{ electricityConnectionRequests(page: 1, pageSize: 10) { nodes { applicant { niu lastName } } } }`, {}, { url, token: agent });
    } finally {
      await legacyAdmin.reset(system);
    }
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([gateway?.stop(), ...subgraphs.map((s) => s.stop())]);
});

const allLines = () => [...gateway.lines.map((l) => `[gateway] ${l}`), ...subgraphs.flatMap((s) => s.lines.map((l) => `[${s.name}] ${l}`))];

describe('ordinary logs', () => {
  it('were captured (the workload produced warnings and errors)', () => {
    const lines = allLines();
    expect(
      lines.some((line) => line.includes('"msg":"access token refused"')),
      lines.join('\n'),
    ).toBe(true);
    expect(lines.filter((line) => /"level":(40|50)/.test(line)).length, lines.join('\n')).toBeGreaterThan(0);
  });

  it('never carry a NIU in clear', () => {
    for (const niu of new Set([self.niu, other.niu, filer.niu, '999999999999', ...applicants])) {
      const offending = allLines().find((line) => line.includes(niu));
      expect(offending, `NIU ${niu} in clear`).toBeUndefined();
    }
  });

  it('never carry a token', () => {
    for (const token of tokens) {
      const signature = token.split('.')[2]!;
      expect(allLines().find((line) => line.includes(signature) || line.includes(token.split('.')[1]!))).toBeUndefined();
    }
  });

  it('never carry a citizen’s name', () => {
    for (const person of people) {
      for (const name of [person.lastName, ...person.firstNames.split(' ')].filter((n) => n.length >= 4)) {
        const pattern = new RegExp(`\\b${name}\\b`, 'i');
        expect(
          allLines().find((line) => pattern.test(line)),
          `name ${name}`,
        ).toBeUndefined();
      }
    }
  });
});
