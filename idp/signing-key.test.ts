import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAccessTokenVerifier } from '../auth/index.js';
import { loadOrCreateSigningKey } from './signing-key.js';
import { devToken, startTestIdp, testNius } from './test-support/start-test-idp.js';

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'guichet-idp-key-')), 'nested', 'signing-key.json');

describe('IdP signing key', () => {
  it('is created once, private to its owner (file 0600, directory 0700)', async () => {
    const path = freshPath();
    const first = await loadOrCreateSigningKey(path);
    expect(first).toMatchObject({ created: true, tooOpen: false, alg: 'ES256' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    const again = await loadOrCreateSigningKey(path);
    expect(again).toMatchObject({ created: false, kid: first.kid });
    expect(again.publicJwk).toEqual(first.publicJwk);
  });

  it('survives a restart: same kid, and a token from before still verifies', async () => {
    const keyPath = freshPath();
    const before = await startTestIdp({ keyPath, issuer: 'http://idp.test' });
    const token = await devToken(before, { role: 'citizen', niu: testNius[0] });
    const kid = before.kid;
    await before.close();
    const after = await startTestIdp({ keyPath, issuer: 'http://idp.test' });
    try {
      expect(after.kid).toBe(kid);
      const verify = createAccessTokenVerifier({ issuer: 'http://idp.test', audience: 'guichet', jwksUrl: `${after.url}/.well-known/jwks.json`, acceptDevelopmentTokens: true });
      expect(await verify(`Bearer ${token}`)).toMatchObject({ role: 'citizen', niu: testNius[0] });
      // The citizen keeps the same pseudonymous subject across restarts.
      expect((await verify(`Bearer ${await devToken(after, { role: 'citizen', niu: testNius[0] })}`)).subject).toBe((await verify(`Bearer ${token}`)).subject);
    } finally {
      await after.close();
    }
  });

  it('is the same key when several IdPs start together', async () => {
    const path = freshPath();
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateSigningKey(path)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(keys.filter((k) => k.created)).toHaveLength(1);
  });

  it('reports a file readable by others, and refuses a file that is not a key', async () => {
    const path = freshPath();
    await loadOrCreateSigningKey(path);
    chmodSync(path, 0o644);
    expect((await loadOrCreateSigningKey(path)).tooOpen).toBe(true);
    writeFileSync(path, '{"kid":"x"}');
    await expect(loadOrCreateSigningKey(path)).rejects.toThrow(`${path}: not a signing key file of this IdP`);
  });
});
