import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopback, mayReadMetrics } from './metrics-access.js';
import { createMetricsRoute, prometheusContentType } from './metrics-route.js';

const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
const token = 'metrics-secret-0123456789';

describe('who may read /metrics', () => {
  it('knows loopback addresses, mapped ones included', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.1', '192.168.1.2', '::ffff:10.1.2.3', 'fe80::1', '', undefined]) expect(isLoopback(address)).toBe(false);
  });

  it('without a token: this machine only, and not through a proxy', () => {
    expect(mayReadMetrics(request('127.0.0.1'), undefined)).toBe(true);
    expect(mayReadMetrics(request('10.1.2.3'), undefined)).toBe(false);
    expect(mayReadMetrics(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }), undefined)).toBe(false);
    expect(mayReadMetrics(request('127.0.0.1', { forwarded: 'for=203.0.113.9' }), undefined)).toBe(false);
  });

  it('with a token: the bearer must match, from anywhere, loopback included', () => {
    expect(mayReadMetrics(request('10.1.2.3', { authorization: `Bearer ${token}` }), token)).toBe(true);
    expect(mayReadMetrics(request('127.0.0.1'), token)).toBe(false);
    expect(mayReadMetrics(request('127.0.0.1', { authorization: `Bearer ${token}x` }), token)).toBe(false);
    expect(mayReadMetrics(request('127.0.0.1', { authorization: token }), token)).toBe(false);
  });
});

describe('the /metrics route', () => {
  const run = async (req: IncomingMessage, token: string | undefined) => {
    const sent: { status?: number; headers?: Record<string, string | number>; body?: string } = {};
    const res = {
      headersSent: false,
      writeHead(status: number, headers: Record<string, string | number>) {
        Object.assign(sent, { status, headers });
        return res;
      },
      end(body: string) {
        sent.body = body;
      },
    };
    await createMetricsRoute({ render: () => Promise.resolve('metric 1\n'), token })(req, res as never, new URL('http://x/metrics'));
    return sent;
  };

  it('renders the exposition for an allowed caller', async () => {
    expect(await run(request('127.0.0.1'), undefined)).toMatchObject({ status: 200, body: 'metric 1\n', headers: { 'content-type': prometheusContentType } });
  });

  it('answers 403 from elsewhere without a token, 401 without the bearer when one is set', async () => {
    expect((await run(request('10.0.0.9'), undefined)).status).toBe(403);
    expect((await run(request('127.0.0.1'), token)).status).toBe(401);
    expect((await run(request('10.0.0.9', { authorization: `Bearer ${token}` }), token)).status).toBe(200);
  });
});
