/**
 * Brute-force protection of the login page, per account as Keycloak's temporary lockout does: after `maxFailures`
 * wrong passwords within `windowMs`, the account is refused for `lockMs`, right password or not.
 */
export interface LoginThrottle {
  /** True while the account is locked. */
  locked(username: string): boolean;
  failed(username: string): void;
  succeeded(username: string): void;
}

export function createLoginThrottle(options: { readonly maxFailures?: number; readonly windowMs?: number; readonly lockMs?: number; readonly now?: () => number } = {}): LoginThrottle {
  const { maxFailures = 5, windowMs = 900_000, lockMs = 900_000, now = Date.now } = options;
  const accounts = new Map<string, { failures: number; firstAtMs: number; lockedUntilMs: number }>();
  const key = (username: string) => username.trim().toLowerCase().slice(0, 128);
  return {
    locked(username) {
      const entry = accounts.get(key(username));
      return entry !== undefined && entry.lockedUntilMs > now();
    },
    failed(username) {
      const at = now();
      // Bounded: entries past their window and lock are dropped as new failures come.
      if (accounts.size > 10_000) for (const [k, e] of accounts) if (e.firstAtMs + windowMs < at && e.lockedUntilMs < at) accounts.delete(k);
      const entry = accounts.get(key(username));
      if (entry === undefined || entry.firstAtMs + windowMs < at) {
        accounts.set(key(username), { failures: 1, firstAtMs: at, lockedUntilMs: 0 });
        return;
      }
      entry.failures += 1;
      if (entry.failures >= maxFailures) entry.lockedUntilMs = at + lockMs;
    },
    succeeded(username) {
      accounts.delete(key(username));
    },
  };
}
