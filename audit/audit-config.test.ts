import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../lib/config/index.js';
import { defaultWitnessUrl, developmentWitnessToken } from '../witness/client/index.js';
import { defaultAuditLogPath, developmentAuditKey, readAuditConfig, readAuditReaderConfig, readAuditVerifyConfig } from './audit-config.js';

const key = 'k'.repeat(32);
const token = 't'.repeat(32);
const production = { NODE_ENV: 'production', AUDIT_HMAC_KEY: key, AUDIT_WITNESS_URL: 'https://witness.guichet.internal', WITNESS_TOKEN: token };

function problemsOf(read: () => unknown): readonly string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('audit configuration', () => {
  it('defaults to .data/audit/audit.jsonl at the package root, the development key, log "guichet" and the embedded witness', () => {
    const config = readAuditConfig('gateway', {});
    expect(config).toMatchObject({ path: defaultAuditLogPath(), hmacKey: developmentAuditKey, developmentKey: true, logId: 'guichet' });
    expect(config.path).toBe(join(process.cwd(), '.data', 'audit', 'audit.jsonl')); // tests run from the package root
    expect(config.keyring.keys.map((k) => k.id)).toEqual(['1']);
    expect(config.witness).toEqual({
      url: defaultWitnessUrl,
      token: developmentWitnessToken,
      developmentToken: true,
      checkpointIntervalMs: 1_000,
      maxLagMs: 60_000,
      maxLagRecords: 10_000,
      timeoutMs: 2_000,
    });
  });

  it('takes the production settings', () => {
    const config = readAuditConfig('gateway', { ...production, AUDIT_LOG_PATH: '/var/lib/guichet/audit.jsonl', AUDIT_LOG_ID: 'guichet-prod', AUDIT_CHECKPOINT_INTERVAL_MS: '500' });
    expect(config).toMatchObject({ path: '/var/lib/guichet/audit.jsonl', hmacKey: key, developmentKey: false, logId: 'guichet-prod' });
    expect(config.witness).toMatchObject({ url: 'https://witness.guichet.internal', token, developmentToken: false, checkpointIntervalMs: 500 });
  });

  it('requires a key of 32 characters or more', () => {
    expect(() => readAuditConfig('gateway', { AUDIT_HMAC_KEY: 'short' })).toThrow(/AUDIT_HMAC_KEY=\(hidden\): expected at least 32 characters/);
  });

  it.each([
    ['AUDIT_HMAC_KEY', 'AUDIT_HMAC_KEY: required in production'],
    ['AUDIT_WITNESS_URL', 'AUDIT_WITNESS_URL: required in production'],
    ['WITNESS_TOKEN', 'WITNESS_TOKEN: required in production'],
  ])('refuses production without %s', (variable, problem) => {
    const { [variable]: _left, ...env } = production as Record<string, string>;
    expect(problemsOf(() => readAuditConfig('gateway', env)).join('\n')).toContain(problem);
  });

  it('refuses the development key and token in production', () => {
    expect(problemsOf(() => readAuditConfig('gateway', { ...production, AUDIT_HMAC_KEY: developmentAuditKey }))).toContain('AUDIT_HMAC_KEY: the development key is not allowed in production');
    expect(problemsOf(() => readAuditConfig('gateway', { ...production, WITNESS_TOKEN: developmentWitnessToken }))).toContain('WITNESS_TOKEN: the development token is not allowed in production');
  });

  it('takes previous keys, oldest first, before the current one', () => {
    const config = readAuditConfig('gateway', { AUDIT_HMAC_KEY: key, AUDIT_HMAC_KEY_ID: '3', AUDIT_HMAC_PREVIOUS_KEYS: `1:${'a'.repeat(32)},2:${'b'.repeat(40)}` });
    expect(config.keyring.keys.map((k) => [k.id, Buffer.from(k.key).toString()])).toEqual([
      ['1', 'a'.repeat(32)],
      ['2', 'b'.repeat(40)],
      ['3', key],
    ]);
  });

  it.each([
    ['an entry without an id', `${'a'.repeat(32)}`, 'entry 1 is not "id:key"'],
    ['a short key', '1:short', 'the key of id "1" is shorter than 32 characters'],
    ['an id used twice', `1:${'a'.repeat(32)},1:${'b'.repeat(32)}`, 'key ids must be unique'],
    ['the current id again', `2:${'a'.repeat(32)}`, 'key ids must be unique'],
  ])('refuses previous keys with %s, without printing a key', (_name, value, problem) => {
    const problems = problemsOf(() => readAuditConfig('gateway', { AUDIT_HMAC_KEY: key, AUDIT_HMAC_KEY_ID: '2', AUDIT_HMAC_PREVIOUS_KEYS: value })).join('\n');
    expect(problems).toContain(problem);
    expect(problems).not.toMatch(/aaaa|bbbb|1:short/);
  });

  it('refuses a bad log id, a lag no longer than the interval, and a pinned key file that is not a JWKS', () => {
    expect(problemsOf(() => readAuditConfig('gateway', { AUDIT_LOG_ID: 'Guichet Prod' })).join('\n')).toMatch(/AUDIT_LOG_ID/);
    expect(problemsOf(() => readAuditConfig('gateway', { AUDIT_CHECKPOINT_INTERVAL_MS: '5000', AUDIT_WITNESS_MAX_LAG_MS: '5000' })).join('\n')).toMatch(/AUDIT_WITNESS_MAX_LAG_MS: must be longer/);
    const file = join(mkdtempSync(join(tmpdir(), 'guichet-jwks-')), 'jwks.json');
    writeFileSync(file, '{"keys": []}');
    expect(problemsOf(() => readAuditConfig('gateway', { AUDIT_WITNESS_PUBLIC_KEYS: file })).join('\n')).toMatch(/AUDIT_WITNESS_PUBLIC_KEYS: .* is not a JWKS/);
    writeFileSync(file, JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'abc', kid: 'k1' }] }));
    expect(readAuditConfig('gateway', { AUDIT_WITNESS_PUBLIC_KEYS: file }).witness.publicKeys).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'abc', kid: 'k1' }] });
  });

  it('gives audit:verify a witness only when one is named, and requires one in production', () => {
    expect(readAuditVerifyConfig('audit-verify', {}).witness).toBeUndefined();
    expect(readAuditVerifyConfig('audit-verify', { AUDIT_WITNESS_URL: 'http://127.0.0.1:4310' }).witness).toEqual({ url: 'http://127.0.0.1:4310' });
    expect(problemsOf(() => readAuditVerifyConfig('audit-verify', { NODE_ENV: 'production', AUDIT_HMAC_KEY: key }))).toContain(
      'AUDIT_WITNESS_URL: required in production (the witness that vouches for the trail)',
    );
    // The checker needs no writer token.
    expect(readAuditVerifyConfig('audit-verify', { NODE_ENV: 'production', AUDIT_HMAC_KEY: key, AUDIT_WITNESS_URL: 'https://w.example' }).witness?.url).toBe('https://w.example');
  });

  it('gives a reader the path and no key, even in production', () => {
    expect(readAuditReaderConfig('subgraph-dossiers', { NODE_ENV: 'production', AUDIT_LOG_PATH: '/srv/audit.jsonl' })).toEqual({ path: '/srv/audit.jsonl' });
  });
});
