import { describe, expect, it } from 'vitest';
import { clientIpOf } from './client-ip.js';

const request = (remoteAddress: string, forwardedFor?: string) => ({
  socket: { remoteAddress },
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
});

describe('clientIpOf', () => {
  it('takes the socket address when no proxy is trusted, ignoring X-Forwarded-For', () => {
    expect(clientIpOf(request('203.0.113.7', '1.2.3.4'))).toBe('203.0.113.7');
  });

  it('takes the entry written by the trusted proxies, not what the client wrote before it', () => {
    expect(clientIpOf(request('10.0.0.2', '6.6.6.6, 198.51.100.4'), 1)).toBe('198.51.100.4');
    expect(clientIpOf(request('10.0.0.2', '6.6.6.6, 198.51.100.4, 10.0.0.1'), 2)).toBe('198.51.100.4');
    expect(clientIpOf(request('10.0.0.2'), 1)).toBe('10.0.0.2');
  });
});
