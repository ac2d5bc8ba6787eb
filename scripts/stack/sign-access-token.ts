import { createHmac, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { devClientIds, loadOrCreateSigningKey } from '../../idp/index.js';

export interface AccessTokenRequest {
  readonly keyPath: string;
  readonly issuer: string;
  readonly audience: string;
  readonly role: 'citizen' | 'agent' | 'supervisor';
  readonly niu?: string;
  readonly ministry?: string;
  /** Default 3600: the gateway's longest accepted lifetime (OIDC_MAX_TOKEN_LIFETIME_SECONDS). */
  readonly ttlSeconds?: number;
}

/**
 * An access token as a production provider issues it for a person — the claims of the development IdP's (RFC 9068
 * profile, `typ: at+jwt`), without the development mark — signed with the production-mode stack's IdP key. The
 * stack's IdP in production mints only client-credentials tokens, as a real deployment's provider for integrators;
 * this stands in for the citizens' and agents' provider. Whoever holds the key can sign anything: it adds no power.
 */
export async function signAccessToken({ keyPath, issuer, audience, role, niu, ministry, ttlSeconds = 3_600 }: AccessTokenRequest): Promise<string> {
  const key = await loadOrCreateSigningKey(keyPath);
  // The development IdP's subjects and client ids: a citizen's subject is stable per NIU while the key lasts and
  // reveals nothing of it.
  const sub =
    role === 'citizen'
      ? `citoyen-${createHmac('sha256', key.secretMaterial)
          .update(`citizen:${niu ?? ''}`)
          .digest('base64url')
          .slice(0, 22)}`
      : role === 'agent'
        ? `agent-${(ministry ?? '').toLowerCase().replace(/_/g, '-')}-demo`
        : 'superviseur-demo';
  const claims = { sub, client_id: devClientIds[role], role, ...(niu ? { niu } : {}), ...(ministry ? { ministry } : {}) };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(randomUUID())
    .sign(key.privateKey);
}
