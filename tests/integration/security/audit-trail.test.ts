import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { developmentAuditKey } from '../../../audit/index.js';
import { hashOf } from '../../../audit/chain.js';
import type { AuditRecord } from '../../../audit/index.js';
import { ministryNames } from '../../../schema/index.js';
import { main as auditVerify } from '../../../scripts/audit-verify.js';
import { twoCitizensInAllSystems } from '../../support/citizens.js';
import { gql } from '../../support/graphql-client.js';
import { agentToken, citizenToken } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';

/**
 * Every access to personal data is on a hash-chained trail that the citizen can read (who, not their own reads),
 * and any edit, deletion or reordering of the trail is detected by `audit:verify`.
 */
const citizen = citizenInAllSystems();
/** The stack runs with NODE_ENV=test and no AUDIT_HMAC_KEY of its own: the development key seals its trail. */
const stackKey = process.env.AUDIT_HMAC_KEY ?? developmentAuditKey;

interface AccessLogEntry {
  at: string;
  kind: string;
  role: string;
  ministry: string | null;
  client: string;
  operation: string | null;
  systems: string[];
}

async function verify(path: string): Promise<{ code: number; output: string[] }> {
  const output: string[] = [];
  const code = await auditVerify({ path, hmacKey: stackKey, env: { NODE_ENV: 'test' }, write: (line) => output.push(line) });
  return { code, output };
}

/** A copy of the stack's trail (anchor first: the live writer moves it only after the log), with its lines edited. */
function tamperedCopy(edit: (lines: string[]) => string[]): string {
  const source = inject('auditLogPath');
  const directory = mkdtempSync(join(tmpdir(), 'guichet-audit-copy-'));
  copyFileSync(source.replace(/\.jsonl$/, '.head'), join(directory, 'audit.head'));
  const lines = readFileSync(source, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0);
  const path = join(directory, 'audit.jsonl');
  writeFileSync(path, `${edit(lines).join('\n')}\n`);
  return path;
}

describe('audit trail', () => {
  it('a citizen sees the agent who read their dossier and name (role, ministry, systems), and not their own reads', async () => {
    const selfOperation = `SelfRead_${randomUUID().replaceAll('-', '')}`;
    const agentOperation = `AgentProcessing_${randomUUID().replaceAll('-', '')}`;
    const token = await citizenToken(citizen.niu);
    expect((await gql(`query ${selfOperation} { me { niu firstName dossiers(first: 5) { totalCount } } }`, {}, { token })).errors).toBeUndefined();
    const agentRead = await gql(
      `query ${agentOperation}($r: ID!) { electricityConnectionRequest(reference: $r) { reference applicant { firstName lastName } } }`,
      { r: citizen.ceet[0]! },
      { token: await agentToken('ENERGY') },
    );
    expect(agentRead.errors).toBeUndefined();

    const response = await gql<{ me: { accessLog: AccessLogEntry[] } }>(`{ me { accessLog(last: 200) { at kind role ministry client operation systems } } }`, {}, { token });
    expect(response.errors).toBeUndefined();
    const log = response.data!.me.accessLog;
    const agentEntries = log.filter((e) => e.operation === agentOperation);
    expect(agentEntries).toHaveLength(1);
    expect(agentEntries[0]).toMatchObject({ kind: 'READ', role: 'AGENT', ministry: ministryNames.ENERGY, client: 'console-agents' });
    expect([...agentEntries[0]!.systems].sort()).toEqual(['ceet', 'rnec']);
    expect(log.some((e) => e.operation === selfOperation)).toBe(false);
    expect(log.some((e) => e.role === 'CITIZEN')).toBe(false);
    expect(JSON.stringify(log)).not.toMatch(/agent-energy|subject|traceId/);
  });

  it('another citizen’s access log is never readable, by me or by citizen(niu)', async () => {
    const other = twoCitizensInAllSystems()[1];
    const response = await gql<{ citizen: { accessLog: unknown } | null }>(`query($n: ID!) { citizen(niu: $n) { accessLog { at } } }`, { n: other.niu }, { token: await citizenToken(citizen.niu) });
    expect(response.data?.citizen?.accessLog ?? null).toBeNull();
  });

  it('the stack’s trail verifies with audit:verify', async () => {
    const { code, output } = await verify(inject('auditLogPath'));
    expect(output[0]).toMatch(/^audit log ok: \d+ record\(s\) verified/);
    expect(code).toBe(0);
    expect(output.join('\n')).not.toContain(citizen.niu);
  });

  it('the stack’s trail verifies against the signed checkpoints of the stack’s witness', async () => {
    const output: string[] = [];
    const code = await auditVerify({ path: inject('auditLogPath'), hmacKey: stackKey, env: { NODE_ENV: 'test' }, witnessUrl: inject('witnessUrl'), write: (line) => output.push(line) });
    expect(output[0]).toMatch(/^audit log ok: \d+ record\(s\) verified in .* \(witnessed up to seq \d+ by http:\/\/127\.0\.0\.1:\d+: \d+ signed checkpoint\(s\) of log guichet/);
    expect(code).toBe(0);
  });

  it.each<[string, (lines: string[]) => string[]]>([
    ['a field edited (when)', (lines) => lines.map((line, i) => (i === 1 ? line.replace(/"at":"[^"]+"/, '"at":"2000-01-01T00:00:00.000Z"') : line))],
    [
      'a NIU edited',
      // The first record naming a citizen: which records come first depends on the order the suite's files ran in
      // (a documents sweep or a company's record names no NIU).
      (lines) => {
        const niu = /"niu":"(\d{11})(\d)"/;
        const target = lines.findIndex((line) => niu.test(line));
        return lines.map((line, i) => (i === target ? line.replace(niu, (_m, head: string, last: string) => `"niu":"${head}${(Number(last) + 1) % 10}"`) : line));
      },
    ],
    [
      'a record edited and its hash recomputed (without the key)',
      (lines) =>
        lines.map((line, i) => {
          if (i !== 1) return line;
          const record = JSON.parse(line) as AuditRecord;
          const edited = { ...record, subject: 'someone-else' };
          return JSON.stringify({ ...edited, hash: hashOf(edited) });
        }),
    ],
    ['a middle record deleted', (lines) => lines.filter((_, i) => i !== 1)],
    ['the last record deleted', (lines) => lines.slice(0, -1)],
    ['two records swapped', (lines) => [lines[1]!, lines[0]!, ...lines.slice(2)]],
    ['a record duplicated', (lines) => [...lines.slice(0, 2), lines[1]!, ...lines.slice(2)]],
  ])('a copy with %s fails verification', async (_name, edit) => {
    const original = readFileSync(inject('auditLogPath'), 'utf8').split('\n').filter(Boolean);
    expect(original.length).toBeGreaterThanOrEqual(3);
    expect(edit(original)).not.toEqual(original);
    const path = tamperedCopy(edit);
    const { code, output } = await verify(path);
    expect(output[0]).toMatch(/TAMPERED|unreadable/);
    expect(code).toBe(1);
  });

  it('control: an untouched copy verifies', async () => {
    const { code } = await verify(tamperedCopy((lines) => lines));
    expect(code).toBe(0);
  });
});
