import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportSPKI, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { inject } from 'vitest';

/** What a genuine citizen token of the stack's IdP carries, minus the registered claims the forger sets. */
export type AccessClaims = JWTPayload & { readonly role?: string; readonly niu?: string; readonly client_id?: string; readonly ministry?: string; readonly scope?: string };

export interface IdpKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

let cachedKey: Promise<IdpKey> | undefined;

/**
 * The stack's IdP signing key, read from its key file. The global setup puts it at `<dataDir>/idp/signing-key.json`
 * and the audit log at `<dataDir>/audit/audit.jsonl`, so the audit path locates it. With the real key, a token can be
 * wrong in exactly one way (expired, wrong audience…): the test then proves that check, not the signature check.
 */
export function idpSigningKey(): Promise<IdpKey> {
  cachedKey ??= (async () => {
    const path = join(dirname(dirname(inject('auditLogPath'))), 'idp', 'signing-key.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { kid: string; privateJwk: JWK };
    const { d: _private, ...publicJwk } = file.privateJwk;
    return { kid: file.kid, privateKey: (await importJWK(file.privateJwk, 'ES256')) as CryptoKey, publicJwk };
  })();
  return cachedKey;
}

/** The IdP's published JWKS (what the gateway trusts). */
export async function idpJwks(): Promise<{ keys: (JWK & { kid: string })[] }> {
  const response = await fetch(`${inject('idpUrl')}/.well-known/jwks.json`);
  return (await response.json()) as { keys: (JWK & { kid: string })[] };
}

export interface ForgeOptions {
  /** `iss`; default the stack's IdP. */
  readonly issuer?: string;
  /** `aud`; default `guichet`. */
  readonly audience?: string;
  /** Seconds from now; default +900. */
  readonly expiresIn?: number;
  /** Seconds from now; default none. */
  readonly notBefore?: number;
  /** `iat`, seconds from now; default now; `null` leaves the claim out. */
  readonly issuedAt?: number | null;
  /** The JOSE `typ` header; default `at+jwt` (RFC 9068, what the IdP writes); `null` leaves it out. */
  readonly typ?: string | null;
  /** Signing key and `kid`; default the IdP's own. */
  readonly key?: CryptoKey;
  readonly kid?: string;
}

const now = () => Math.floor(Date.now() / 1000);

/** An ES256 access token with the given claims, by default signed exactly as the IdP signs (so it verifies). */
export async function forgeAccessToken(claims: AccessClaims, options: ForgeOptions = {}): Promise<string> {
  const idp = await idpSigningKey();
  const typ = options.typ === undefined ? 'at+jwt' : options.typ;
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? idp.kid, ...(typ === null ? {} : { typ }) })
    .setIssuer(options.issuer ?? inject('idpUrl'))
    .setAudience(options.audience ?? 'guichet')
    .setExpirationTime(now() + (options.expiresIn ?? 900));
  if (options.issuedAt !== null) jwt.setIssuedAt(now() + (options.issuedAt ?? 0));
  if (options.notBefore !== undefined) jwt.setNotBefore(now() + options.notBefore);
  return jwt.sign(options.key ?? idp.privateKey);
}

/** Same claims, `alg: none`, no signature. */
export function unsignedToken(claims: AccessClaims): string {
  return new UnsecuredJWT({ ...claims }).setIssuer(inject('idpUrl')).setAudience('guichet').setIssuedAt().setExpirationTime('15m').encode();
}

/** Signed by a fresh key that claims the IdP's `kid`. */
export async function tokenFromAnotherKey(claims: AccessClaims): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return forgeAccessToken(claims, { key: privateKey, kid: (await idpSigningKey()).kid });
}

/** The algorithm-confusion attack: HS256 with the IdP's public key (its SPKI PEM) as the HMAC secret. */
export async function hs256WithPublicKey(claims: AccessClaims): Promise<string> {
  const idp = await idpSigningKey();
  const publicKey = (await importJWK({ ...idp.publicJwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
  const secret = new TextEncoder().encode(await exportSPKI(publicKey));
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', kid: idp.kid, typ: 'at+jwt' })
    .setIssuer(inject('idpUrl'))
    .setAudience('guichet')
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(secret);
}
