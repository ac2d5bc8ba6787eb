import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { genesisHash } from '../../../audit/chain.js';
import { main as auditVerify } from '../../../scripts/audit-verify.js';
import { createCheckpointVerifier, createWitnessClient, developmentWitnessToken } from '../../../witness/client/index.js';
import { main as witnessKey } from '../../../witness/key-cli.js';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { spawnExtra } from '../../support/spawn-extra.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { testWitnessToken } from '../../support/test-secrets.js';
import { citizenToken } from '../../support/tokens.js';
import { citizensInAllSystems } from '../../support/world.js';

/**
 * The trail's witness, through the real processes: a gateway of our own (its own trail and log id) reports its
 * chain tip to the stack's witness. A trail put back to an older authentic state, wiped, or restarted at 0 verified
 * "ok" before, and a gateway restarted on it opened a fresh chain and served personal data: now `audit:verify`
 * fails, the restarted gateway refuses personal data and says why, and the witness refuses the rollback.
 */
const hmacKey = 'extra-gateway-audit-key-0123456789abcdef'; // spawnGateway's
const citizen = citizensInAllSystems()[3]!;
const personal = 'query MyFile($niu: ID!) { citizen(niu: $niu) { niu firstName dossiers(first: 3) { totalCount } } }';
const catalogue = '{ procedures { code title } }';
const witness = () => createWitnessClient({ url: inject('witnessUrl'), token: testWitnessToken });

let gateway: ExtraGateway;
/** Log and anchor as they were after the first read: an older, authentic state of the trail. */
let older: { log: string; head: string };
/** The last seq the witness signed for the gateway's log, once it stopped. */
let finalSeq: number;

const lineCount = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
const headPath = (logPath: string) => logPath.replace(/\.jsonl$/, '.head');

async function witnessedSeq(logId: string): Promise<number | undefined> {
  const client = witness();
  const latest = await client.latest(logId);
  return latest === undefined ? undefined : (await createCheckpointVerifier({ jwksUrl: client.jwksUrl })(latest)).seq;
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not reached: ${what}`);
}

/** `/ready`'s status and body. */
async function readyOf(url: string): Promise<{ readonly status: number; readonly body: { status: string } & Record<string, unknown> }> {
  const response = await fetch(`${url}/ready`);
  return { status: response.status, body: (await response.json()) as { status: string } & Record<string, unknown> };
}

async function read(url: string) {
  return gql<{ citizen: { niu: string } | null }>(personal, { niu: citizen.niu }, { url, token: await citizenToken(citizen.niu) });
}

async function verify(path: string, logId: string, withWitness = true) {
  const output: string[] = [];
  const code = await auditVerify({ path, hmacKey, env: { NODE_ENV: 'test' }, logId, ...(withWitness ? { witnessUrl: inject('witnessUrl') } : {}), write: (line) => output.push(line) });
  return { code, output };
}

/** A copy of the gateway's trail folder (anchor first), edited. */
function tamperedCopy(edit: (path: string) => void): string {
  const path = join(mkdtempSync(join(tmpdir(), 'guichet-witness-copy-')), 'audit.jsonl');
  copyFileSync(headPath(gateway.auditLogPath), headPath(path));
  copyFileSync(gateway.auditLogPath, path);
  edit(path);
  return path;
}

const tamperings: readonly [string, (path: string) => void][] = [
  [
    'the log truncated and an older authentic anchor put back',
    (path) => {
      writeFileSync(path, older.log);
      writeFileSync(headPath(path), older.head);
    },
  ],
  [
    'both files deleted',
    (path) => {
      rmSync(path);
      rmSync(headPath(path));
    },
  ],
];

beforeAll(async () => {
  gateway = await spawnGateway({ NODE_ENV: 'test', AUDIT_CHECKPOINT_INTERVAL_MS: '50' });
  expect((await read(gateway.graphqlUrl)).data?.citizen?.niu).toBe(citizen.niu);
  await until(
    () => witnessedSeq(gateway.auditLogId),
    (seq) => seq !== undefined && seq === lineCount(gateway.auditLogPath),
    'first checkpoint',
  );
  older = { log: readFileSync(gateway.auditLogPath, 'utf8'), head: readFileSync(headPath(gateway.auditLogPath), 'utf8') };
  for (let i = 0; i < 3; i += 1) expect((await read(gateway.graphqlUrl)).errors).toBeUndefined();
  // A clean stop reports the last tip.
  await gateway.stop();
  finalSeq = lineCount(gateway.auditLogPath);
  expect(await witnessedSeq(gateway.auditLogId)).toBe(finalSeq);
  expect(older.log.split('\n').filter(Boolean).length).toBeLessThan(finalSeq);
});
afterAll(() => gateway?.stop());

describe('audit trail with a witness', () => {
  it('(e) the untouched trail verifies against the witness’s signed checkpoints', async () => {
    const { code, output } = await verify(gateway.auditLogPath, gateway.auditLogId);
    expect(output).toEqual([expect.stringMatching(new RegExp(`^audit log ok: ${finalSeq} record\\(s\\) verified in .* \\(witnessed up to seq ${finalSeq} by `))]);
    expect(code).toBe(0);
    expect(output.join('')).not.toContain(citizen.niu);
  });

  it.each(tamperings)('(a, b) %s: verified "ok" from the files alone, fails against the witness', async (_name, edit) => {
    const path = tamperedCopy(edit);
    expect((await verify(path, gateway.auditLogId, false)).code).toBe(0); // the defect, still there without a witness
    const { code, output } = await verify(path, gateway.auditLogId);
    expect(code).toBe(1);
    expect(output).toEqual([
      expect.stringMatching(
        new RegExp(`^audit log TAMPERED at record #\\d+ \\(line \\d+\\): .* but the witness signed seq ${finalSeq} on \\S+: records cut from the end, an older trail put back, or the trail wiped`),
      ),
    ]);
  });

  it.each(tamperings)('(c) a gateway restarted on a trail with %s starts, says why, refuses personal data, serves the catalogue', async (_name, edit) => {
    const path = tamperedCopy(edit);
    const restarted = await spawnGateway({ NODE_ENV: 'test', AUDIT_LOG_PATH: path, AUDIT_LOG_ID: gateway.auditLogId });
    try {
      // A process just started on a loaded machine may say `saturated` (admission's event-loop check) for a moment.
      const ready = await until(
        () => readyOf(restarted.url),
        (r) => r.body.status !== 'saturated',
        'a readiness verdict',
      );
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        status: 'not ready',
        audit: { status: 'behind-witness', log: gateway.auditLogId, witnessedSeq: null, reason: expect.stringContaining(`signed seq ${finalSeq}`) },
      });
      expect(restarted.lines.some((line) => line.includes('audit trail not vouched for: personal data refused') && line.includes(`signed seq ${finalSeq}`))).toBe(true);

      const refused = await read(restarted.graphqlUrl);
      expect({ status: refused.status, codes: errorCodes(refused), data: refused.data ?? null }).toEqual({ status: 503, codes: ['AUDIT_UNAVAILABLE'], data: null });
      expect(JSON.stringify(refused)).not.toContain(citizen.niu);

      const ceetBefore = await legacyAdmin.calls('ceet');
      const mutation = await gql(
        'mutation($input: ElectricityConnectionInput!, $key: String!) { requestElectricityConnection(input: $input, idempotencyKey: $key) { reference } }',
        { input: { applicantNiu: citizen.niu, meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Tokoin', applianceCount: 2 }, key: `witness-${randomUUID()}` },
        { url: restarted.graphqlUrl, token: await citizenToken(citizen.niu) },
      );
      expect({ status: mutation.status, codes: errorCodes(mutation) }).toEqual({ status: 503, codes: ['AUDIT_UNAVAILABLE'] });
      expect(await legacyAdmin.calls('ceet')).toEqual(ceetBefore); // nothing reached the ministry

      const open = await gql<{ procedures: unknown[] }>(catalogue, {}, { url: restarted.graphqlUrl });
      expect(open.status).toBe(200);
      expect(open.data?.procedures.length).toBeGreaterThan(0);
    } finally {
      await restarted.stop();
    }
    // It never reported the shorter chain: the witness still stands where the trail was.
    expect(await witnessedSeq(gateway.auditLogId)).toBe(finalSeq);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean).length).toBeLessThan(finalSeq); // nothing written over the evidence
  });

  it('(d) the witness refuses a rollback (a chain restarted at 0) and a fork from the writer itself, and records the alarms', async () => {
    const client = witness();
    const rollback = await client.submit({ log: gateway.auditLogId, seq: 0, hash: genesisHash });
    expect(rollback).toMatchObject({ kind: 'refused', error: 'rollback', reason: expect.stringContaining(`behind seq ${finalSeq}`) });
    const fork = await client.submit({ log: gateway.auditLogId, seq: finalSeq, hash: 'f'.repeat(64) });
    expect(fork).toMatchObject({ kind: 'refused', error: 'fork' });
    expect((await client.alarms(gateway.auditLogId)).map((alarm) => [alarm.kind, alarm.seq])).toEqual([
      ['fork', finalSeq],
      ['rollback', 0],
    ]);
    expect(await witnessedSeq(gateway.auditLogId)).toBe(finalSeq);
    // And audit:verify reports them.
    expect((await verify(gateway.auditLogPath, gateway.auditLogId)).output[0]).toContain('the witness refused 2 checkpoint(s) of this log');
  });

  it('a running gateway whose checkpoint the witness refuses stops serving personal data at once', async () => {
    const live = await spawnGateway({ NODE_ENV: 'test', AUDIT_CHECKPOINT_INTERVAL_MS: '50' });
    try {
      expect((await read(live.graphqlUrl)).errors).toBeUndefined();
      await until(
        () => witnessedSeq(live.auditLogId),
        (seq) => seq !== undefined && seq >= 1,
        'first checkpoint',
      );
      // Another writer took the log further: this gateway's next tip is behind what was witnessed.
      expect((await witness().submit({ log: live.auditLogId, seq: 10_000, hash: 'a'.repeat(64) })).kind).toBe('accepted');
      expect((await read(live.graphqlUrl)).errors).toBeUndefined(); // appended, then reported: refused
      const ready = await until(
        async () => (await (await fetch(`${live.url}/ready`)).json()) as { status: string; audit?: { status: string; reason?: string } },
        (body) => body.audit !== undefined && body.audit.status !== 'vouched',
        'the refusal',
      );
      expect(ready.audit).toMatchObject({ status: 'witness-refused', reason: expect.stringContaining('(rollback)') });
      const refused = await read(live.graphqlUrl);
      expect({ status: refused.status, codes: errorCodes(refused) }).toEqual({ status: 503, codes: ['AUDIT_UNAVAILABLE'] });
    } finally {
      await live.stop();
    }
  });
});

describe('production refuses a trail without its witness', () => {
  const dist = new URL('../../../dist/', import.meta.url).pathname;
  const run = (entry: string, env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [`${dist}${entry}`], { env: { PATH: process.env.PATH, PORT: '0', ...env }, encoding: 'utf8', timeout: 20_000 });
  const gatewayEnv = { NODE_ENV: 'production', AUDIT_HMAC_KEY: hmacKey, INTERNAL_TOKEN_SECRET: 'p'.repeat(40), OIDC_ISSUER: inject('idpUrl'), OIDC_AUDIENCE: 'guichet' };

  it.each([
    ['no witness and no token', {}, ['AUDIT_WITNESS_URL: required in production', 'WITNESS_TOKEN: required in production']],
    ['the development token', { AUDIT_WITNESS_URL: inject('witnessUrl'), WITNESS_TOKEN: developmentWitnessToken }, ['WITNESS_TOKEN: the development token is not allowed in production']],
  ] as const)('the gateway exits 2 with %s, naming what is missing', (_name, env, problems) => {
    const result = run('gateway/main.js', { ...gatewayEnv, ...env });
    expect(result.status).toBe(2);
    for (const problem of problems) expect(result.stderr).toContain(problem);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('the witness exits 2 without its token and a key made beforehand, and starts with them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-witness-prod-'));
    const keyPath = join(dir, 'keys', 'signing-keys.json');
    const refused = run('witness/main.js', { NODE_ENV: 'production', WITNESS_DATA_DIR: dir, WITNESS_KEY_PATH: keyPath });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('WITNESS_TOKEN: required in production');
    expect(refused.stderr).toContain('WITNESS_KEY_PATH="' + keyPath + '": no such file');
    expect(await witnessKey(['create', keyPath], {}, () => undefined)).toBe(0);
    const started = await spawnExtra('witness-production', 'witness/main.js', { NODE_ENV: 'production', WITNESS_DATA_DIR: dir, WITNESS_KEY_PATH: keyPath, WITNESS_TOKEN: 'w'.repeat(40) });
    try {
      expect((await fetch(`${started.url}/ready`)).status).toBe(200);
    } finally {
      await started.stop();
    }
  });
});
