import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkpointDigest, CheckpointSignatureError, createCheckpointVerifier, type CheckpointStatement } from '../client/index.js';
import { createCheckpointSigner } from './checkpoint-signer.js';
import { createWitnessKeyFile, loadWitnessKeyring, rotateWitnessKeyFile, WitnessKeyError } from './witness-keyring.js';

const keyPath = () => join(mkdtempSync(join(tmpdir(), 'guichet-witness-key-')), 'keys', 'signing-keys.json');
const statement = (seq: number, prev: string | null = null): CheckpointStatement => ({ log: 'guichet', seq, hash: 'c'.repeat(64), witnessedAt: '2026-11-01T10:00:00.000Z', n: 1, prev });

describe('witness signing keys', () => {
  it('creates the key file on first start outside production (0600, directory 0700), and loads the same key after', async () => {
    const path = keyPath();
    const first = await loadWitnessKeyring(path, { create: true });
    expect(first).toMatchObject({ created: true, tooOpen: false });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    const again = await loadWitnessKeyring(path, { create: true });
    expect(again).toMatchObject({ created: false, current: { kid: first.current.kid } });
    expect(again.publicJwks).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: first.current.kid, alg: 'EdDSA' })]);
    expect(JSON.stringify(again.publicJwks)).not.toContain('"d"');
  });

  it('refuses to start without a key file when it may not create one (production)', async () => {
    await expect(loadWitnessKeyring(keyPath(), { create: false })).rejects.toThrow(/no signing key file; create one with `npm run witness:key -- create/);
  });

  it('refuses a file that is not a key file, and says when one is readable by others', async () => {
    const path = keyPath();
    await createWitnessKeyFile(path);
    chmodSync(path, 0o644);
    expect((await loadWitnessKeyring(path, { create: false })).tooOpen).toBe(true);
    writeFileSync(path, '{"not":"a key"}');
    await expect(loadWitnessKeyring(path, { create: false })).rejects.toBeInstanceOf(WitnessKeyError);
    await expect(createWitnessKeyFile(path)).rejects.toThrow(/already there/);
  });

  it('signs statements that verify against its JWKS, and not against another key', async () => {
    const keyring = await loadWitnessKeyring(keyPath(), { create: true });
    const jws = await createCheckpointSigner(keyring).sign(statement(7));
    const verify = createCheckpointVerifier({ jwks: { keys: [...keyring.publicJwks] } });
    expect(await verify(jws)).toEqual({ ...statement(7), kid: keyring.current.kid, jws });
    const other = await loadWitnessKeyring(keyPath(), { create: true });
    await expect(createCheckpointVerifier({ jwks: { keys: [...other.publicJwks] } })(jws)).rejects.toBeInstanceOf(CheckpointSignatureError);
  });

  it.each<[string, (jws: string) => string]>([
    [
      'a payload edited',
      (jws) => {
        const [h, , s] = jws.split('.');
        return `${h}.${Buffer.from(JSON.stringify(statement(8))).toString('base64url')}.${s}`;
      },
    ],
    ['a signature edited', (jws) => `${jws.slice(0, -4)}${jws.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`],
    ['no signature', (jws) => `${jws.split('.').slice(0, 2).join('.')}.`],
  ])('refuses %s', async (_name, edit) => {
    const keyring = await loadWitnessKeyring(keyPath(), { create: true });
    const jws = await createCheckpointSigner(keyring).sign(statement(7));
    await expect(createCheckpointVerifier({ jwks: { keys: [...keyring.publicJwks] } })(edit(jws))).rejects.toBeInstanceOf(CheckpointSignatureError);
  });

  it('refuses a signed document of another type, or one that is not a statement', async () => {
    const keyring = await loadWitnessKeyring(keyPath(), { create: true });
    const verify = createCheckpointVerifier({ jwks: { keys: [...keyring.publicJwks] } });
    const sign = (header: Record<string, string>, payload: unknown) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: keyring.current.kid, ...header }).sign(keyring.current.privateKey);
    await expect(verify(await sign({ typ: 'JWT' }, statement(1)))).rejects.toThrow(/typ/);
    await expect(verify(await sign({ typ: 'guichet-checkpoint+jws' }, { log: 'guichet', seq: -1 }))).rejects.toThrow(/not a checkpoint statement/);
    // An HMAC or ES256 signature is not the witness's algorithm, whatever the key.
    const { privateKey } = await generateKeyPair('ES256');
    const es256 = await new CompactSign(new TextEncoder().encode(JSON.stringify(statement(1))))
      .setProtectedHeader({ alg: 'ES256', kid: keyring.current.kid, typ: 'guichet-checkpoint+jws' })
      .sign(privateKey);
    await expect(verify(es256)).rejects.toBeInstanceOf(CheckpointSignatureError);
  });

  it('rotates: a new current key, the old one public only, and both verify what they signed', async () => {
    const path = keyPath();
    const before = await loadWitnessKeyring(path, { create: true });
    const oldJws = await createCheckpointSigner(before).sign(statement(1));
    const { previous, current } = await rotateWitnessKeyFile(path);
    expect(previous).toBe(before.current.kid);
    expect(current).not.toBe(previous);
    const after = await loadWitnessKeyring(path, { create: false });
    expect(after.current.kid).toBe(current);
    expect(after.publicJwks.map((jwk) => jwk.kid)).toEqual([previous, current]);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { keys: { kid: string; privateJwk?: unknown }[] };
    expect(file.keys.map((k) => [k.kid, k.privateJwk !== undefined])).toEqual([
      [previous, false],
      [current, true],
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const newJws = await createCheckpointSigner(after).sign(statement(2, checkpointDigest(oldJws)));
    const verify = createCheckpointVerifier({ jwks: { keys: [...after.publicJwks] } });
    expect((await verify(oldJws)).kid).toBe(previous);
    expect((await verify(newJws)).kid).toBe(current);
  });
});
