import { createHash, randomBytes } from 'node:crypto';

/** An unguessable opaque value: 256 bits, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the stores keep instead of a bearer value: a leaked store gives no usable token. */
export function tokenHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
