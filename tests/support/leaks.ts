import { expect } from 'vitest';

/** Traces of internals that must never reach a client: stack frames, URLs and hosts, framework phrasing, file paths. */
const internals: readonly RegExp[] = [
  /\n\s+at\s/,
  /stacktrace/i,
  /https?:\/\//i,
  /127\.0\.0\.1|localhost/i,
  /Context creation failed/i,
  /ECONN|ETIMEDOUT|EPIPE|socket hang up/i,
  /\.(?:js|ts):\d+/,
  /\/(?:dist|node_modules|tmp)\//,
  /guichet-internal|x-guichet|internal token|jwks|signature/i,
];

export interface LeakCheck {
  /** NIUs that must not appear anywhere in the response (someone else's). */
  readonly nius?: readonly string[];
  /** Names (or any other strings) that must not appear anywhere in the response. */
  readonly strings?: readonly string[];
}

/**
 * Asserts that a client-facing body (parsed JSON or raw text) carries no trace of internals in its errors, and none
 * of the given NIUs or strings anywhere (data or errors).
 */
export function expectNoLeak(body: unknown, check: LeakCheck = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  const errors = typeof body === 'object' && body !== null && 'errors' in body ? JSON.stringify((body as { errors?: unknown }).errors ?? []) : text;
  for (const pattern of internals) expect(errors, `internal detail ${pattern}`).not.toMatch(pattern);
  for (const niu of check.nius ?? []) expect(text, 'another citizen’s NIU').not.toContain(niu);
  for (const value of check.strings ?? []) expect(text.toLowerCase(), `leaked "${value}"`).not.toContain(value.toLowerCase());
}
