import { randomToken } from './random-token.js';

/** A validated authorization request, waiting for the person to sign in. */
export interface PendingAuthorization {
  readonly kind: 'authorize';
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge: string;
  readonly scope: string;
}

/** A visit to the device page before signing in. */
export interface PendingDeviceVisit {
  readonly kind: 'device';
  readonly userCode?: string;
}

export type PendingRequest = PendingAuthorization | PendingDeviceVisit;

/**
 * What the login form completes, kept here rather than in hidden fields the browser could alter; the id is
 * unguessable, so it doubles as the form's anti-forgery token. Ten minutes to type a password.
 */
export function createPendingRequests(options: { readonly ttlMs?: number; readonly now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? 600_000;
  const now = options.now ?? Date.now;
  const pending = new Map<string, { request: PendingRequest; expiresAtMs: number }>();
  return {
    add(request: PendingRequest): string {
      const at = now();
      for (const [id, entry] of pending) if (entry.expiresAtMs <= at) pending.delete(id);
      const id = randomToken();
      pending.set(id, { request, expiresAtMs: at + ttlMs });
      return id;
    },
    get(id: string): PendingRequest | undefined {
      const entry = pending.get(id);
      return entry !== undefined && entry.expiresAtMs > now() ? entry.request : undefined;
    },
    remove(id: string): void {
      pending.delete(id);
    },
  };
}

export type PendingRequests = ReturnType<typeof createPendingRequests>;
