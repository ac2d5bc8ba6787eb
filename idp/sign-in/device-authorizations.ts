import { randomInt } from 'node:crypto';
import { randomToken, tokenHash } from './random-token.js';

/** RFC 8628 §6.1: consonants only (no vowels, so no words), no look-alikes; 20^8 ≈ 2.6·10^10 codes. */
const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';

/** `XXXX-XXXX`, as shown on the wall and typed by the supervisor. */
export function newUserCode(): string {
  const chars = Array.from({ length: 8 }, () => userCodeAlphabet[randomInt(userCodeAlphabet.length)]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What the supervisor typed, normalised: case, blanks and dashes do not matter. */
export function normaliseUserCode(input: string): string {
  const letters = input.toUpperCase().replace(/[^A-Z]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

export type DeviceState = { readonly kind: 'pending' } | { readonly kind: 'denied' } | { readonly kind: 'approved'; readonly approvedBy: string } | { readonly kind: 'consumed' };

export interface DeviceAuthorization {
  readonly clientId: string;
  readonly userCode: string;
  readonly scope: string;
  readonly expiresAtMs: number;
  /** Current polling interval; `slow_down` adds 5 s (RFC 8628 §3.5). */
  intervalSeconds: number;
  lastPollAtMs?: number;
  state: DeviceState;
}

export type PollResult =
  | { readonly kind: 'unknown' | 'expired' | 'denied' | 'pending' | 'slow-down' | 'consumed' | 'wrong-client' }
  | { readonly kind: 'approved'; readonly authorization: DeviceAuthorization; readonly approvedBy: string };

export interface DeviceAuthorizations {
  start(clientId: string, scope: string): { deviceCode: string; authorization: DeviceAuthorization };
  /** A pending authorization by the code the supervisor typed. */
  pendingByUserCode(userCode: string): DeviceAuthorization | undefined;
  poll(deviceCode: string, clientId: string): PollResult;
}

export function createDeviceAuthorizations(options: { readonly ttlSeconds: number; readonly intervalSeconds: number; readonly now?: () => number }): DeviceAuthorizations {
  const now = options.now ?? Date.now;
  const byDeviceCode = new Map<string, DeviceAuthorization>();
  const byUserCode = new Map<string, DeviceAuthorization>();
  return {
    start(clientId, scope) {
      const at = now();
      for (const [hash, a] of byDeviceCode) {
        if (a.expiresAtMs > at) continue;
        byDeviceCode.delete(hash);
        byUserCode.delete(a.userCode);
      }
      let userCode = newUserCode();
      while (byUserCode.has(userCode)) userCode = newUserCode();
      const deviceCode = randomToken();
      const authorization: DeviceAuthorization = { clientId, userCode, scope, expiresAtMs: at + options.ttlSeconds * 1000, intervalSeconds: options.intervalSeconds, state: { kind: 'pending' } };
      byDeviceCode.set(tokenHash(deviceCode), authorization);
      byUserCode.set(userCode, authorization);
      return { deviceCode, authorization };
    },
    pendingByUserCode(userCode) {
      const found = byUserCode.get(normaliseUserCode(userCode));
      return found !== undefined && found.state.kind === 'pending' && found.expiresAtMs > now() ? found : undefined;
    },
    poll(deviceCode, clientId) {
      const authorization = byDeviceCode.get(tokenHash(deviceCode));
      if (authorization === undefined) return { kind: 'unknown' };
      if (authorization.clientId !== clientId) return { kind: 'wrong-client' };
      const at = now();
      if (authorization.expiresAtMs <= at) return { kind: 'expired' };
      const { state } = authorization;
      if (state.kind === 'denied') return { kind: 'denied' };
      if (state.kind === 'consumed') return { kind: 'consumed' };
      if (state.kind === 'approved') {
        authorization.state = { kind: 'consumed' };
        return { kind: 'approved', authorization, approvedBy: state.approvedBy };
      }
      const tooSoon = authorization.lastPollAtMs !== undefined && at - authorization.lastPollAtMs < authorization.intervalSeconds * 1000;
      authorization.lastPollAtMs = at;
      if (tooSoon) {
        authorization.intervalSeconds += 5;
        return { kind: 'slow-down' };
      }
      return { kind: 'pending' };
    },
  };
}
