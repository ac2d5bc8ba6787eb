import { describe, expect, it } from 'vitest';
import { anonymousPrincipal, AuthenticationError, type Principal } from '../../auth/index.js';
import { createLogger } from '../../lib/log/index.js';
import { RateLimitedError } from '../rate-limit/index.js';
import { CALLER_ATTESTATION_HEADER, createCallerAttestation } from './caller-attestation.js';
import { createContextFactory } from './create-context-factory.js';
import { createStreamDoor } from './create-stream-door.js';

const secret = 'an-internal-token-secret-of-32-bytes-or-more';
const supervisor: Principal = { subject: 'superviseur-a', role: 'supervisor', scopes: ['supervisor', 'supervision:read'], clientId: 'console-supervision' };

describe('caller attestation', () => {
  it('vouches for an address, and only with the key derived from the same secret', () => {
    const attestation = createCallerAttestation({ secret });
    for (const ip of ['203.0.113.7', '2001:db8::1', '::ffff:127.0.0.1']) expect(attestation.verify(attestation.sign(ip))).toBe(ip);
    // Another worker of the same gateway shares the secret, so the key.
    expect(createCallerAttestation({ secret }).verify(attestation.sign('203.0.113.7'))).toBe('203.0.113.7');
    expect(createCallerAttestation({ secret: `${secret}x` }).verify(attestation.sign('203.0.113.7'))).toBeUndefined();
  });

  it('refuses anything forged, altered, expired, too far ahead or malformed', () => {
    let clock = 1_000_000_000_000;
    const attestation = createCallerAttestation({ secret, ttlSeconds: 30, now: () => clock });
    const value = attestation.sign('203.0.113.7');
    const [version, ip, exp, mac] = value.split('.') as [string, string, string, string];
    const other = Buffer.from('198.51.100.1').toString('base64url');
    for (const forged of [
      undefined,
      '',
      'v1.x.y.z',
      `${version}.${other}.${exp}.${mac}`,
      `${version}.${ip}.${Number(exp) + 1}.${mac}`,
      `v2.${ip}.${exp}.${mac}`,
      `${value}.extra`,
      `${version}.${ip}.${exp}.${mac.slice(0, -2)}`,
      'a'.repeat(300),
      [value, value],
    ]) {
      expect(attestation.verify(forged), JSON.stringify(forged)).toBeUndefined();
    }
    expect(attestation.verify(value)).toBe('203.0.113.7');
    clock += 31_000;
    expect(attestation.verify(value)).toBeUndefined();
    // Signed for far in the future (a longer TTL elsewhere) is refused too.
    expect(attestation.verify(createCallerAttestation({ secret, ttlSeconds: 3_600, now: () => clock }).sign('203.0.113.7'))).toBeUndefined();
  });
});

/** A request as node:http gives it, with these headers and socket address. */
const request = (headers: Record<string, string>, remoteAddress = '127.0.0.1') => ({ headers, socket: { remoteAddress } }) as never;

describe('the context factory and the stream door', () => {
  const log = createLogger('test', 'silent');
  const attestation = createCallerAttestation({ secret });
  const refusedAt: string[] = [];
  const onRefused = async (clientIp: string) => {
    refusedAt.push(clientIp);
    if (clientIp === '192.0.2.99') throw new RateLimitedError(2_500);
  };
  const verify = async (header: string | undefined): Promise<Principal> => {
    if (header === undefined) return anonymousPrincipal;
    if (header === 'Bearer good') return supervisor;
    throw new AuthenticationError('signature invalid');
  };
  const context = createContextFactory({ verify, trustedProxyHops: 1, onRefused, attestation, log });
  const door = createStreamDoor({ context, onRefused, attestation });

  it('takes the attested address over the socket’s and X-Forwarded-For; ignores a forged one', async () => {
    expect((await context(request({ [CALLER_ATTESTATION_HEADER]: attestation.sign('203.0.113.7'), 'x-forwarded-for': '10.0.0.1' }))).clientIp).toBe('203.0.113.7');
    expect((await context(request({ [CALLER_ATTESTATION_HEADER]: 'v1.MjAzLjAuMTEzLjc.9999999999.AAAA', 'x-forwarded-for': '10.0.0.1' }))).clientIp).toBe('10.0.0.1');
  });

  it('admits a verified caller, keyed by subject and client, whose reads carry its address', async () => {
    const verdict = await door.admit(request({ authorization: 'Bearer good', 'x-forwarded-for': '203.0.113.7' }));
    expect(verdict.kind).toBe('admitted');
    if (verdict.kind !== 'admitted') return;
    expect(verdict.caller.principalKey).toBe(JSON.stringify(['superviseur-a', 'console-supervision']));
    const headers = verdict.caller.readHeaders();
    expect(attestation.verify(headers[CALLER_ATTESTATION_HEADER])).toBe('203.0.113.7');
  });

  it('counts a refused token, and no token at all, against the caller’s address; 429 once that address is over its budget', async () => {
    refusedAt.length = 0;
    expect(await door.admit(request({ authorization: 'Bearer junk', 'x-forwarded-for': '203.0.113.8' }))).toEqual({ kind: 'refused', code: 'UNAUTHENTICATED' });
    expect(await door.admit(request({ 'x-forwarded-for': '203.0.113.9' }))).toEqual({ kind: 'refused', code: 'UNAUTHENTICATED' });
    expect(await door.admit(request({ authorization: 'Bearer junk', 'x-forwarded-for': '192.0.2.99' }))).toEqual({ kind: 'refused', code: 'RATE_LIMITED', retryAfterMs: 2_500 });
    expect(refusedAt).toEqual(['203.0.113.8', '203.0.113.9', '192.0.2.99']);
  });
});
