import { createHmac, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { MinistryCode } from '../schema/procedures.js';
import { DEVELOPMENT_TOKEN_CLAIM, type Role } from '../auth/index.js';
import type { SigningKey } from './signing-key.js';

/** The claims Guichet reads (auth/access-token-claims.ts documents the layout). */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly client_id: string;
  readonly role: Role;
  readonly niu?: string;
  /** Citizens only: NIFs of the companies they hold a mandate for, as the register of mandates says at sign-in. */
  readonly companies?: readonly string[];
  readonly ministry?: MinistryCode;
  /** Space-separated, integrators only. */
  readonly scope?: string;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

export interface TokenMinter {
  mint(claims: AccessTokenClaims): Promise<IssuedToken>;
  /** A citizen's subject: stable for a NIU while the key lasts, and revealing nothing of it (logs carry subjects). */
  citizenSubject(niu: string): string;
}

export interface TokenMinterOptions {
  readonly key: SigningKey;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
  /**
   * True for an IdP outside production: every token then carries DEVELOPMENT_TOKEN_CLAIM, which a production gateway
   * refuses (its `/dev/token` mints anyone, its demo clients' secrets are public).
   */
  readonly development: boolean;
}

/** Signs access tokens (RFC 9068 profile: `typ: at+jwt`, `jti`) with the IdP's key. */
export function createTokenMinter(options: TokenMinterOptions): TokenMinter {
  const { key, issuer, audience, ttlSeconds, development } = options;
  const mark = development ? { [DEVELOPMENT_TOKEN_CLAIM]: true } : {};
  return {
    async mint(claims) {
      const accessToken = await new SignJWT({ ...claims, ...mark })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .setJti(randomUUID())
        .sign(key.privateKey);
      return { accessToken, expiresInSeconds: ttlSeconds };
    },
    citizenSubject(niu) {
      return `citoyen-${createHmac('sha256', key.secretMaterial).update(`citizen:${niu}`).digest('base64url').slice(0, 22)}`;
    },
  };
}
