import { createSizedCache } from '../lib/cache/index.js';

/**
 * Tokens already verified, by their exact bytes, until they expire: verifying a JWT costs a signature check (an
 * access token's ECDSA or RSA through WebCrypto, off the main thread and back; an internal token's HMAC), and a client
 * sends the same token with every request of its session. Only tokens that
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
  const entries = createSizedCache<T>({ maxEntries: Math.max(0, Math.ceil(maxEntries)) });
  return {
    // `peek`: the oldest verification goes first, however often its token is used since.
    get: (token, nowMs) => entries.peek(token, nowMs),
    set: (token, value, expiresAtMs) => entries.set(token, value, { expiresAtMs }),
    get size() {
      return entries.size;
    },
  };
}
