import type { AccessTokenClaims } from '../create-token-minter.js';
import { randomToken, tokenHash } from './random-token.js';

/**
 * One sign-in's chain of refresh tokens (RFC 9700 §4.14.2): each use rotates the token; presenting one already
 * rotated away means it was copied, so the whole family is revoked, the legitimate holder's current token included.
 */
export interface RefreshFamily {
  readonly id: string;
  readonly clientId: string;
  /** A person's sign-in, or a wall screen approved through the device grant. */
  readonly kind: 'person' | 'screen';
  /** What every access token of the family carries. */
  readonly claims: AccessTokenClaims;
  readonly scope: string;
  readonly createdAtMs: number;
  /** Absolute end (IDP_REFRESH_TTL_SECONDS after the sign-in): rotation never extends it. */
  readonly expiresAtMs: number;
  /** Screens: who approved it and the code shown on the wall. */
  readonly approvedBy?: string;
  readonly userCode?: string;
  lastUsedAtMs: number;
  revoked: boolean;
  currentHash: string;
}

export type RotateResult =
  | { readonly kind: 'rotated'; readonly family: RefreshFamily; readonly refreshToken: string }
  | { readonly kind: 'unknown' | 'expired' | 'revoked' }
  | { readonly kind: 'reused'; readonly family: RefreshFamily }
  | { readonly kind: 'wrong-client' };

export interface RefreshFamilies {
  /** Starts a family; returns it and its first refresh token. */
  start(init: Omit<RefreshFamily, 'id' | 'lastUsedAtMs' | 'revoked' | 'currentHash' | 'createdAtMs' | 'expiresAtMs'>): { family: RefreshFamily; refreshToken: string };
  rotate(refreshToken: string, clientId: string): RotateResult;
  /** The family a refresh token (current or not) belongs to. */
  familyOf(refreshToken: string): RefreshFamily | undefined;
  byId(id: string): RefreshFamily | undefined;
  revoke(id: string): void;
  /** Live screens (not revoked, not expired), newest first. */
  screens(): RefreshFamily[];
}

/**
 * In the IdP's memory: a restart signs everyone out, which a development IdP may do (a real provider keeps them in
 * its database). Expired families are dropped as new ones start.
 */
export function createRefreshFamilies(options: { readonly ttlSeconds: number; readonly now?: () => number }): RefreshFamilies {
  const now = options.now ?? Date.now;
  const families = new Map<string, RefreshFamily>();
  /** Every token ever issued, current or rotated away, to its family: a rotated one presented again is a reuse. */
  const tokens = new Map<string, string>();
  const prune = () => {
    const at = now();
    for (const [id, family] of families) {
      if (family.expiresAtMs > at) continue;
      families.delete(id);
    }
    for (const [hash, id] of tokens) if (!families.has(id)) tokens.delete(hash);
  };
  const issue = (family: RefreshFamily) => {
    const refreshToken = randomToken();
    family.currentHash = tokenHash(refreshToken);
    tokens.set(family.currentHash, family.id);
    return refreshToken;
  };
  return {
    start(init) {
      prune();
      const at = now();
      const family: RefreshFamily = { ...init, id: randomToken().slice(0, 22), createdAtMs: at, expiresAtMs: at + options.ttlSeconds * 1000, lastUsedAtMs: at, revoked: false, currentHash: '' };
      families.set(family.id, family);
      return { family, refreshToken: issue(family) };
    },
    rotate(refreshToken, clientId) {
      const hash = tokenHash(refreshToken);
      const family = families.get(tokens.get(hash) ?? '');
      if (family === undefined) return { kind: 'unknown' };
      if (family.clientId !== clientId) return { kind: 'wrong-client' };
      if (family.revoked) return { kind: 'revoked' };
      if (family.expiresAtMs <= now()) return { kind: 'expired' };
      if (hash !== family.currentHash) {
        family.revoked = true;
        return { kind: 'reused', family };
      }
      family.lastUsedAtMs = now();
      return { kind: 'rotated', family, refreshToken: issue(family) };
    },
    familyOf(refreshToken) {
      return families.get(tokens.get(tokenHash(refreshToken)) ?? '');
    },
    byId(id) {
      return families.get(id);
    },
    revoke(id) {
      const family = families.get(id);
      if (family) family.revoked = true;
    },
    screens() {
      const at = now();
      return [...families.values()].filter((f) => f.kind === 'screen' && !f.revoked && f.expiresAtMs > at).sort((a, b) => b.createdAtMs - a.createdAtMs);
    },
  };
}
