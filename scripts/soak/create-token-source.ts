/** Citizen access tokens from the stack's development IdP, as a portal would hold them. */
export interface TokenSource {
  citizen(niu: string): Promise<string>;
}

/** Refreshed well before the IdP's 15-minute expiry, so that a long soak never files with a stale token. */
const refreshAfterMs = 10 * 60_000;

export function createTokenSource(idpUrl: string): TokenSource {
  const cache = new Map<string, { readonly token: Promise<string>; readonly at: number }>();
  return {
    citizen(niu) {
      const cached = cache.get(niu);
      if (cached && Date.now() - cached.at < refreshAfterMs) return cached.token;
      const token = (async () => {
        const response = await fetch(`${idpUrl}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'citizen', niu }) });
        if (!response.ok) throw new Error(`IdP refused a token for a soak citizen: HTTP ${response.status}`);
        return ((await response.json()) as { access_token: string }).access_token;
      })();
      // A failed fetch is not cached: the next call asks again.
      token.catch(() => cache.delete(niu));
      cache.set(niu, { token, at: Date.now() });
      return token;
    },
  };
}
