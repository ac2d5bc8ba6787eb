import { SignJWT } from 'jose';
import type { SigningKey } from '../signing-key.js';

/** An OpenID Connect ID token (Core §2): for the client (`aud`), never accepted as an access token by the gateway. */
export function signIdToken(options: {
  readonly key: SigningKey;
  readonly issuer: string;
  readonly clientId: string;
  readonly subject: string;
  readonly name: string;
  readonly nonce?: string;
  readonly authTimeS: number;
  readonly ttlSeconds: number;
}): Promise<string> {
  const { key, issuer, clientId, subject, name, nonce, authTimeS, ttlSeconds } = options;
  return new SignJWT({ name, auth_time: authTimeS, ...(nonce === undefined ? {} : { nonce }) })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(subject)
    .setAudience(clientId)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key.privateKey);
}
