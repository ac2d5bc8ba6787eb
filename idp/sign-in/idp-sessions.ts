import type { IncomingMessage } from 'node:http';
import type { SeededSupervisor } from './seeded-supervisors.js';
import { randomToken, tokenHash } from './random-token.js';

/** The IdP's own session cookie: who signed in at its login page (for `prompt=none` and the device page). */
export const sessionCookieName = 'guichet_idp_session';

export interface IdpSession {
  readonly supervisor: SeededSupervisor;
  /** Put in the IdP's forms and checked on every POST they make. */
  readonly csrf: string;
  readonly authTimeS: number;
  readonly expiresAtMs: number;
}

export interface IdpSessions {
  /** A new session and its cookie value. */
  open(supervisor: SeededSupervisor): { session: IdpSession; cookieValue: string };
  /** The live session of the request's cookie. */
  of(req: IncomingMessage): IdpSession | undefined;
  /** `Set-Cookie` for a session value (`maxAgeSeconds` 0 clears it). */
  cookie(value: string, maxAgeSeconds: number, secure: boolean): string;
}

export function createIdpSessions(options: { readonly ttlSeconds: number; readonly now?: () => number }): IdpSessions {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, IdpSession>();
  return {
    open(supervisor) {
      const at = now();
      for (const [hash, s] of sessions) if (s.expiresAtMs <= at) sessions.delete(hash);
      const cookieValue = randomToken();
      const session = { supervisor, csrf: randomToken(), authTimeS: Math.floor(at / 1000), expiresAtMs: at + options.ttlSeconds * 1000 };
      sessions.set(tokenHash(cookieValue), session);
      return { session, cookieValue };
    },
    of(req) {
      const value = (req.headers.cookie ?? '')
        .split(';')
        .map((part) => part.trim().split('='))
        .find(([name]) => name === sessionCookieName)?.[1];
      const session = value === undefined ? undefined : sessions.get(tokenHash(value));
      return session !== undefined && session.expiresAtMs > now() ? session : undefined;
    },
    cookie(value, maxAgeSeconds, secure) {
      // Lax: the cookie rides the top-level navigation to /authorize, never a cross-site POST.
      return `${sessionCookieName}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
    },
  };
}
