/**
 * Tokens already verified, by their exact bytes, until they expire: verifying a JWT costs a signature check (WebCrypto,
 * off the main thread and back), and a client sends the same token with every request of its session. Only tokens that
 * passed verification enter, so the bound holds against junk; the oldest entry goes first when it is full.
 */
export interface VerifiedTokenCache<T> {
  /** What verifying `token` gave, if it was verified and has not expired at `nowMs`. */
  get(token: string, nowMs: number): T | undefined;
  /** Remembers a verified token until `expiresAtMs`. */
  set(token: string, value: T, expiresAtMs: number): void;
  readonly size: number;
}

export interface VerifiedTokenCacheOptions {
  /** Entries kept at most; 0 turns the cache off. */
  readonly maxEntries: number;
}

export function createVerifiedTokenCache<T>({ maxEntries }: VerifiedTokenCacheOptions): VerifiedTokenCache<T> {
  const entries = new Map<string, { readonly value: T; readonly expiresAtMs: number }>();
  return {
    get(token, nowMs) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (nowMs >= entry.expiresAtMs) {
        entries.delete(token);
        return undefined;
      }
      return entry.value;
    },
    set(token, value, expiresAtMs) {
      if (maxEntries <= 0) return;
      entries.delete(token);
      while (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
      entries.set(token, { value, expiresAtMs });
    },
    get size() {
      return entries.size;
    },
  };
}
