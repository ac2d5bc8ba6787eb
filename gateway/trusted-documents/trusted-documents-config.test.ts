import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/config/index.js';
import { defaultManifestPath } from './package-paths.js';
import { trustedDocumentsEnvSchema, trustedDocumentsOptionsFromEnv } from './trusted-documents-config.js';

const options = (env: NodeJS.ProcessEnv, nodeEnv: 'development' | 'production' | 'test' = 'development') => trustedDocumentsOptionsFromEnv(trustedDocumentsEnvSchema.parse(env), nodeEnv);

function problemOf(env: NodeJS.ProcessEnv): string {
  try {
    options(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('trusted documents configuration', () => {
  it('enforces in production and allows arbitrary documents elsewhere, reading clients/trusted-documents.json', () => {
    expect(options({}, 'production')).toMatchObject({ mode: 'enforce', manifestPath: defaultManifestPath(), openClients: [], publicMaxAgeSeconds: 300 });
    expect(options({}, 'development').mode).toBe('allow-arbitrary');
    expect(options({}, 'test').mode).toBe('allow-arbitrary');
    expect(options({}).documents.size).toBeGreaterThanOrEqual(9);
  });

  it('reads the mode, the open clients and the public max-age', () => {
    const read = options({ TRUSTED_DOCUMENTS_MODE: 'enforce', TRUSTED_DOCUMENTS_OPEN_CLIENTS: ' outil-a, outil-b ,', HTTP_CACHE_PUBLIC_MAX_AGE_SECONDS: '60' });
    expect(read).toMatchObject({ mode: 'enforce', openClients: ['outil-a', 'outil-b'], publicMaxAgeSeconds: 60 });
  });

  it('reads no manifest when off', () => {
    const read = options({ TRUSTED_DOCUMENTS_MODE: 'off', TRUSTED_DOCUMENTS_PATH: '/nowhere.json' });
    expect([read.mode, read.manifestPath, read.documents.size]).toEqual(['off', undefined, 0]);
  });

  it('explains a bad mode, a missing manifest and a tampered one', () => {
    expect(trustedDocumentsEnvSchema.safeParse({ TRUSTED_DOCUMENTS_MODE: 'strict' }).success).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'guichet-trusted-'));
    expect(problemOf({ TRUSTED_DOCUMENTS_PATH: join(dir, 'nope.json') })).toContain(`TRUSTED_DOCUMENTS_PATH: ${join(dir, 'nope.json')}: file not found`);
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'a'.repeat(64), name: 'A', type: 'query', body: '{ a }' }] }));
    expect(problemOf({ TRUSTED_DOCUMENTS_PATH: tampered })).toContain('operation A: id is not the SHA-256 of its body');
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{');
    expect(problemOf({ TRUSTED_DOCUMENTS_PATH: notJson })).toContain('not valid JSON');
  });
});
