import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createSecretFileOnce, readIfExists } from '../../lib/files/index.js';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';
import { checkpointAlgorithm } from '../client/index.js';

/** The witness's signing keys as loaded: the current one (private) and every public key the file still lists. */
export interface WitnessKeyring {
  readonly current: { readonly kid: string; readonly privateKey: CryptoKey; readonly publicJwk: JWK };
  /** Every key of the file, the current one included, oldest first: what the JWKS publishes. */
  readonly publicJwks: readonly JWK[];
  /** True when this start created the file. */
  readonly created: boolean;
  /** True when the file is readable by group or others (it must be 0600). */
  readonly tooOpen: boolean;
}

const okpJwk = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(1) });
const keyEntry = z.object({
  kid: z.string().min(1),
  createdAt: z.string(),
  publicJwk: okpJwk,
  /** Only the current key keeps its private half: a rotation drops the old one. */
  privateJwk: okpJwk.extend({ d: z.string().min(1) }).optional(),
});
const keyFileShape = z.object({ current: z.string().min(1), keys: z.array(keyEntry).min(1) });
type KeyFile = z.infer<typeof keyFileShape>;

/** The key file is missing, unreadable or not this witness's: start-up stops with this message. */
export class WitnessKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessKeyError';
  }
}

/**
 * Loads the keyring from `path`. With `create` (outside production) a missing file is made on first start
 * (directory 0700, file 0600, atomically: two witnesses starting together end up with the same key); without it a
 * missing file is an error: in production the operator makes the key (`npm run witness:key -- create`).
 */
export async function loadWitnessKeyring(path: string, { create }: { readonly create: boolean }): Promise<WitnessKeyring> {
  let created = false;
  let text = readIfExists(path);
  if (text === undefined) {
    if (!create) throw new WitnessKeyError(`${path}: no signing key file; create one with \`npm run witness:key -- create ${path}\``);
    created = createSecretFileOnce(path, serialize(await newKeyFile()));
    text = readFileSync(path, 'utf8');
  }
  const file = parseKeyFile(path, text);
  const entry = file.keys.find((key) => key.kid === file.current);
  if (!entry?.privateJwk) throw new WitnessKeyError(`${path}: the current key ${file.current} has no private half`);
  const privateKey = await importJWK(entry.privateJwk, checkpointAlgorithm);
  if (privateKey instanceof Uint8Array) throw new WitnessKeyError(`${path}: the current key is not an Ed25519 key`);
  const publicJwks = file.keys.map((key) => publicJwkOf(key));
  return {
    current: { kid: entry.kid, privateKey, publicJwk: publicJwkOf(entry) },
    publicJwks,
    created,
    tooOpen: (statSync(path).mode & 0o077) !== 0,
  };
}

/** Creates a key file (refuses to overwrite one). Returns the new key's id. */
export async function createWitnessKeyFile(path: string): Promise<string> {
  const file = await newKeyFile();
  if (!createSecretFileOnce(path, serialize(file))) throw new WitnessKeyError(`${path}: a key file is already there; rotate it instead`);
  return file.current;
}

/**
 * Adds a new key and makes it current; the previous keys keep their public half only, so the JWKS still verifies
 * what they signed. The file is replaced atomically (0600). The witness signs with the new key once restarted.
 */
export async function rotateWitnessKeyFile(path: string): Promise<{ readonly previous: string; readonly current: string }> {
  const text = readIfExists(path);
  if (text === undefined) throw new WitnessKeyError(`${path}: no signing key file to rotate`);
  const file = parseKeyFile(path, text);
  const fresh = await newKeyFile();
  const rotated: KeyFile = { current: fresh.current, keys: [...file.keys.map(({ privateJwk: _private, ...key }) => key), ...fresh.keys] };
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, serialize(rotated), { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
  return { previous: file.current, current: fresh.current };
}

function publicJwkOf(entry: z.infer<typeof keyEntry>): JWK {
  const { kty, crv, x } = entry.publicJwk;
  return { kty, crv, x, kid: entry.kid, alg: checkpointAlgorithm, use: 'sig' };
}

function parseKeyFile(path: string, text: string): KeyFile {
  try {
    return keyFileShape.parse(JSON.parse(text));
  } catch {
    throw new WitnessKeyError(`${path}: not a signing key file of the witness`);
  }
}

async function newKeyFile(): Promise<KeyFile> {
  const { privateKey } = await generateKeyPair(checkpointAlgorithm, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const { x, d } = jwk;
  if (x === undefined || d === undefined) throw new WitnessKeyError('generated key has no coordinates');
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });
  return { current: kid, keys: [{ kid, createdAt: new Date().toISOString(), publicJwk: { kty: 'OKP', crv: 'Ed25519', x }, privateJwk: { kty: 'OKP', crv: 'Ed25519', x, d } }] };
}

const serialize = (file: KeyFile) => `${JSON.stringify(file, null, 2)}\n`;
