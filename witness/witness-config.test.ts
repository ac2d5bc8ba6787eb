import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { developmentWitnessToken } from './client/index.js';
import { readWitnessConfig } from './witness-config.js';

describe('witness configuration', () => {
  it('defaults to port 4310, its own folder under .data/witness and the development token', () => {
    expect(readWitnessConfig({})).toEqual({
      host: '127.0.0.1',
      port: 4310,
      nodeEnv: 'development',
      storePath: join(process.cwd(), '.data', 'witness', 'checkpoints.sqlite'),
      keyPath: join(process.cwd(), '.data', 'witness', 'signing-keys.json'),
      createKey: true,
      token: developmentWitnessToken,
      developmentToken: true,
    });
  });

  it('in production requires a token (not the development one) and a key file made beforehand, and never creates a key', () => {
    const keyPath = join(mkdtempSync(join(tmpdir(), 'guichet-witness-config-')), 'keys.json');
    expect(() => readWitnessConfig({ NODE_ENV: 'production' })).toThrow(/WITNESS_TOKEN: required in production[\s\S]*WITNESS_KEY_PATH: required in production/);
    expect(() => readWitnessConfig({ NODE_ENV: 'production', WITNESS_TOKEN: developmentWitnessToken, WITNESS_KEY_PATH: keyPath })).toThrow(/development token is not allowed[\s\S]*no such file/);
    writeFileSync(keyPath, '{}');
    expect(readWitnessConfig({ NODE_ENV: 'production', WITNESS_TOKEN: 't'.repeat(32), WITNESS_KEY_PATH: keyPath })).toMatchObject({ keyPath, createKey: false, developmentToken: false });
  });

  it('refuses a short token and a bad port', () => {
    expect(() => readWitnessConfig({ WITNESS_TOKEN: 'short' })).toThrow(/WITNESS_TOKEN=\(hidden\): expected at least 32 characters/);
    expect(() => readWitnessConfig({ PORT: 'quatre' })).toThrow(/PORT="quatre": expected a TCP port number/);
  });

  it('keeps its checkpoints in its own PostgreSQL database when DATABASE_URL is set, and refuses a URL that is not one', () => {
    expect(readWitnessConfig({}).database).toBeUndefined();
    expect(readWitnessConfig({ DATABASE_URL: 'postgres://witness@db-witness:5432/witness', DATABASE_POOL_MAX: '3' }).database).toEqual({
      url: 'postgres://witness@db-witness:5432/witness',
      poolMax: 3,
    });
    expect(() => readWitnessConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*expected a postgres:\/\/ URL/);
  });
});
