import { decodeJwt, decodeProtectedHeader, SignJWT, type JWTHeaderParameters } from 'jose';
import { DEVELOPMENT_TOKEN_CLAIM } from '../../auth/index.js';
import { loadOrCreateSigningKey } from '../signing-key.js';

/**
 * For harnesses that run a production gateway beside a development IdP (the bench): `token`, a development IdP's, as a
 * production provider would have issued it — the same header and claims (lifetime included) without the development
 * mark, signed again with that IdP's key, read from `keyPath`. Whoever holds the key can sign anything: this adds no
 * power, it only spares the harness a provider of its own.
 */
export async function asProductionToken(token: string, keyPath: string): Promise<string> {
  const { [DEVELOPMENT_TOKEN_CLAIM]: _mark, ...claims } = decodeJwt(token);
  const header = decodeProtectedHeader(token) as JWTHeaderParameters;
  const key = await loadOrCreateSigningKey(keyPath);
  if (header.kid !== key.kid) throw new Error(`the token was not signed with the key at ${keyPath}`);
  return new SignJWT(claims).setProtectedHeader(header).sign(key.privateKey);
}
