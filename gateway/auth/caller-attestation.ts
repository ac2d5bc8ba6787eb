import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * The header by which the gateway vouches, to itself, for the caller of a request it makes on that caller's behalf:
 * the supervision room re-reads the figures through the gateway's own `/graphql`, and without it every read — and
 * every refusal — would count against the gateway's loopback address instead of the supervisor's.
 */
export const CALLER_ATTESTATION_HEADER = 'x-guichet-caller';

export interface CallerAttestation {
  /** A header value vouching for `clientIp`, valid `ttlSeconds`. */
  sign(clientIp: string): string;
  /** The address a valid value vouches for; undefined for anything else (absent, forged, expired, malformed). */
  verify(value: string | readonly string[] | undefined): string | undefined;
}

export interface CallerAttestationOptions {
  /**
   * The gateway's INTERNAL_TOKEN_SECRET. A key is derived from it (HKDF, a label of its own): every worker of the
   * gateway shares it — the room's request may reach another worker —, no client knows it, and no internal token can
   * pass for an attestation nor the reverse.
   */
  readonly secret: string;
  /** How long a value is valid. Default 30 (a read is sent at once). */
  readonly ttlSeconds?: number;
  /** For tests: the clock. */
  readonly now?: () => number;
}

const version = 'v1';
const maxLength = 256;

export function createCallerAttestation({ secret, ttlSeconds = 30, now = Date.now }: CallerAttestationOptions): CallerAttestation {
  const key = Buffer.from(hkdfSync('sha256', secret, '', 'guichet caller attestation v1', 32));
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest();
  return {
    sign(clientIp) {
      const payload = `${version}.${Buffer.from(clientIp).toString('base64url')}.${Math.floor(now() / 1_000) + ttlSeconds}`;
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(value) {
      if (typeof value !== 'string' || value.length > maxLength) return undefined;
      const parts = value.split('.');
      if (parts.length !== 4 || parts[0] !== version || !/^\d{1,12}$/.test(parts[2] ?? '')) return undefined;
      const payload = parts.slice(0, 3).join('.');
      const given = Buffer.from(parts[3] ?? '', 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const expiresAt = Number(parts[2]);
      const nowSeconds = Math.floor(now() / 1_000);
      if (expiresAt < nowSeconds || expiresAt > nowSeconds + ttlSeconds) return undefined;
      const clientIp = Buffer.from(parts[1] ?? '', 'base64url').toString('utf8');
      return clientIp.length > 0 ? clientIp : undefined;
    },
  };
}
