import { readFileSync, statSync } from 'node:fs';
import { createSecretFileOnce, readIfExists } from '../lib/files/index.js';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK_EC_Public } from 'jose';
import { z } from 'zod';

/** The IdP's one signing key: ES256 (P-256), identified by its JWK thumbprint. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: 'ES256';
  readonly privateKey: CryptoKey;
  /** What the JWKS publishes: public coordinates only. */
  readonly publicJwk: JWK_EC_Public & { readonly kty: 'EC' };
  /** Private coordinate, kept to derive stable pseudonyms (never published). */
  readonly secretMaterial: Uint8Array;
  /** True when this start created the file. */
  readonly created: boolean;
  /** True when the file is readable by group or others (it should be 0600). */
  readonly tooOpen: boolean;
}

const keyFileSchema = z.object({
  kid: z.string().min(1),
  alg: z.literal('ES256'),
  createdAt: z.string(),
  privateJwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().min(1), y: z.string().min(1), d: z.string().min(1) }),
});

/**
 * Loads the signing key from `path`, creating it on first use (directory 0700, file 0600) so that tokens and
 * pseudonymous subjects survive restarts. Creation is atomic (hard link of a complete temporary file): two IdPs
 * starting together end up with the same key.
 */
export async function loadOrCreateSigningKey(path: string): Promise<SigningKey> {
  let created = false;
  let text = readIfExists(path);
  if (text === undefined) {
    created = createSecretFileOnce(path, await newKeyFile());
    text = readFileSync(path, 'utf8');
  }
  let file: z.infer<typeof keyFileSchema>;
  try {
    file = keyFileSchema.parse(JSON.parse(text));
  } catch {
    throw new Error(`${path}: not a signing key file of this IdP (move it away to generate a new key)`);
  }
  const { x, y, d, kty, crv } = file.privateJwk;
  const privateKey = await importJWK({ kty, crv, x, y, d }, 'ES256');
  const tooOpen = (statSync(path).mode & 0o077) !== 0;
  return { kid: file.kid, alg: 'ES256', privateKey, publicJwk: { kty, crv, x, y, kid: file.kid, alg: 'ES256', use: 'sig' }, secretMaterial: Buffer.from(d, 'base64url'), created, tooOpen };
}

async function newKeyFile(): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return `${JSON.stringify({ kid, alg: 'ES256', createdAt: new Date().toISOString(), privateJwk: jwk }, null, 2)}\n`;
}
