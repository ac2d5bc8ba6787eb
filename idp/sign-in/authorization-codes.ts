import type { SeededSupervisor } from './seeded-supervisors.js';
import { randomToken, tokenHash } from './random-token.js';

/** What a code was issued for; the token request must match every binding. */
export interface AuthorizationGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce?: string;
  readonly scope: string;
  readonly supervisor: SeededSupervisor;
  readonly authTimeS: number;
}

export type RedeemResult =
  | { readonly kind: 'redeemed'; readonly grant: AuthorizationGrant; readonly bindFamily: (familyId: string) => void }
  | { readonly kind: 'unknown' | 'expired' }
  /** Second use: the family the first use started (if any) is to be revoked (RFC 6749 §4.1.2). */
  | { readonly kind: 'reused'; readonly familyId?: string };

export interface AuthorizationCodes {
  issue(grant: AuthorizationGrant): string;
  redeem(code: string): RedeemResult;
}

interface Entry {
  readonly grant: AuthorizationGrant;
  readonly expiresAtMs: number;
  used: boolean;
  familyId?: string;
}

/** Single-use codes, kept by hash, valid `ttlSeconds` (60: RFC 6749 §4.1.2 recommends at most ten minutes). */
export function createAuthorizationCodes(options: { readonly ttlSeconds: number; readonly now?: () => number }): AuthorizationCodes {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return {
    issue(grant) {
      const at = now();
      // A used code is kept until it would have expired, so that a replay is recognised; then forgotten.
      for (const [hash, entry] of entries) if (entry.expiresAtMs <= at) entries.delete(hash);
      const code = randomToken();
      entries.set(tokenHash(code), { grant, expiresAtMs: at + options.ttlSeconds * 1000, used: false });
      return code;
    },
    redeem(code) {
      const entry = entries.get(tokenHash(code));
      if (entry === undefined) return { kind: 'unknown' };
      if (entry.used) return entry.familyId === undefined ? { kind: 'reused' } : { kind: 'reused', familyId: entry.familyId };
      entry.used = true;
      if (entry.expiresAtMs <= now()) return { kind: 'expired' };
      return {
        kind: 'redeemed',
        grant: entry.grant,
        bindFamily: (familyId) => {
          entry.familyId = familyId;
        },
      };
    },
  };
}
