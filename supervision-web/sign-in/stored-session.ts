/**
 * What survives a reload of this tab, in its sessionStorage (gone when the tab closes, never shared with another tab,
 * never in localStorage): the refresh token and whose it is. The access token lives in memory only. Why not the
 * IdP's cookie with `prompt=none`: browsers that block third-party cookies break it, and a wall screen has no person
 * to type a password when it fails; a refresh token held by the tab renews the same way everywhere.
 */
export interface StoredSession {
  readonly refreshToken: string;
  /** A person's sign-in, or a wall screen's (device grant). */
  readonly kind: 'person' | 'screen';
}

/** A sign-in in progress: what the redirect back must match. */
export interface PendingSignIn {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly redirectUri: string;
  /** The page's address parameters before leaving (filter, `mur`), restored on return. */
  readonly search: string;
}

const sessionKey = 'guichet.supervision.session';
const pendingKey = 'guichet.supervision.connexion-en-cours';

function read<T>(key: string): T | undefined {
  try {
    const text = sessionStorage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as T);
  } catch {
    return undefined;
  }
}

export const storedSession = () => read<StoredSession>(sessionKey);
export const storeSession = (session: StoredSession) => sessionStorage.setItem(sessionKey, JSON.stringify(session));
export const forgetSession = () => sessionStorage.removeItem(sessionKey);
export const pendingSignIn = () => read<PendingSignIn>(pendingKey);
export const storePendingSignIn = (pending: PendingSignIn) => sessionStorage.setItem(pendingKey, JSON.stringify(pending));
export const forgetPendingSignIn = () => sessionStorage.removeItem(pendingKey);

/**
 * The page's own address parameters: those of before the sign-in when the provider has just sent the browser back
 * (its address then carries `code` and `state`), else the current ones.
 */
export function addressBeforeSignIn(): string {
  const params = new URLSearchParams(window.location.search);
  const pending = pendingSignIn();
  return params.has('state') && pending !== undefined && params.get('state') === pending.state ? pending.search : window.location.search;
}
