/**
 * A token pasted by an integrator (behind the sign-in section's « Intégrateurs » link) lives in this tab only
 * (sessionStorage): never in the URL, never in localStorage; nothing renews it. Signed-in sessions: sign-in/.
 */
const key = 'guichet.supervision.jeton';

export function storedToken(): string | undefined {
  try {
    return sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function storeToken(token: string): void {
  sessionStorage.setItem(key, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(key);
}

/** Accepts a pasted token with or without `Bearer `, quotes or surrounding blanks. */
export function cleanToken(input: string): string | undefined {
  const token = input
    .trim()
    .replace(/^Bearer\s+/i, '')
    .replace(/^["']|["']$/g, '')
    .trim();
  // A JWT (header.payload.signature): the only kind of access token the gateway takes.
  return /^[A-Za-z0-9_-]{2,4096}\.[A-Za-z0-9_-]{2,4096}\.[A-Za-z0-9_-]{0,4096}$/.test(token) ? token : undefined;
}
