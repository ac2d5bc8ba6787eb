import { SignJWT, UnsecuredJWT } from 'jose';
import { createInternalTokenSigner, INTERNAL_TOKEN_AUDIENCE, INTERNAL_TOKEN_ISSUER, type Principal } from '../../auth/index.js';
import { INTERNAL_TOKEN_TYPE } from '../../auth/internal-token.js';
import { testInternalTokenSecret } from './test-secrets.js';

/** Claims exactly as the gateway writes them. */
function claimsOf(principal: Principal) {
  return { principal, sub: principal.subject, iss: INTERNAL_TOKEN_ISSUER, aud: INTERNAL_TOKEN_AUDIENCE };
}

/** Signed like the gateway's, with a secret that is not the stack's. */
export function internalTokenWithWrongSecret(principal: Principal): Promise<string> {
  return createInternalTokenSigner({ secret: 'not-the-stack-secret-but-long-enough-0123456789' }).sign(principal);
}

/** The gateway's claims, unsigned (`alg: none`). */
export function unsignedInternalToken(principal: Principal): string {
  const { principal: p, sub, iss, aud } = claimsOf(principal);
  return new UnsecuredJWT({ principal: p }).setSubject(sub).setIssuer(iss).setAudience(aud).setIssuedAt().setExpirationTime('1m').encode();
}

/** Signed with the stack's real secret, but expired `secondsAgo` ago. */
export function expiredInternalToken(principal: Principal, secondsAgo = 120): Promise<string> {
  const { principal: p, sub, iss, aud } = claimsOf(principal);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ principal: p })
    .setProtectedHeader({ alg: 'HS256', typ: INTERNAL_TOKEN_TYPE })
    .setSubject(sub)
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt(now - secondsAgo - 60)
    .setExpirationTime(now - secondsAgo)
    .sign(new TextEncoder().encode(testInternalTokenSecret));
}

/** Signed with the stack's real secret, but without the internal `typ` (any other JWT sharing the secret). */
export function untypedInternalToken(principal: Principal): Promise<string> {
  const { principal: p, sub, iss, aud } = claimsOf(principal);
  return new SignJWT({ principal: p })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime('1m')
    .sign(new TextEncoder().encode(testInternalTokenSecret));
}
