import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../lib/config/index.js';
import { defaultAuditLogPath, developmentAuditKey, readAuditConfig, readAuditReaderConfig } from './audit-config.js';

describe('audit configuration', () => {
  it('defaults to .data/audit/audit.jsonl at the package root and the development key', () => {
    const config = readAuditConfig('gateway', {});
    expect(config).toEqual({ path: defaultAuditLogPath(), hmacKey: developmentAuditKey, developmentKey: true });
    expect(config.path).toBe(join(process.cwd(), '.data', 'audit', 'audit.jsonl')); // tests run from the package root
  });

  it('takes AUDIT_LOG_PATH and AUDIT_HMAC_KEY', () => {
    const key = 'k'.repeat(32);
    expect(readAuditConfig('gateway', { AUDIT_LOG_PATH: '/var/lib/guichet/audit.jsonl', AUDIT_HMAC_KEY: key, NODE_ENV: 'production' })).toEqual({ path: '/var/lib/guichet/audit.jsonl', hmacKey: key, developmentKey: false });
  });

  it('requires a key of 32 characters or more, and one in production', () => {
    expect(() => readAuditConfig('gateway', { AUDIT_HMAC_KEY: 'short' })).toThrow(/AUDIT_HMAC_KEY="short": expected at least 32 characters/);
    expect(() => readAuditConfig('gateway', { NODE_ENV: 'production' })).toThrow(ConfigError);
  });

  it('gives a reader the path and no key, even in production', () => {
    expect(readAuditReaderConfig('subgraph-dossiers', { NODE_ENV: 'production', AUDIT_LOG_PATH: '/srv/audit.jsonl' })).toEqual({ path: '/srv/audit.jsonl' });
  });
});
