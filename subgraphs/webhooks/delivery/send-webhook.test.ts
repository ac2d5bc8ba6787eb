import net, { type AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkWebhookUrl } from './check-webhook-url.js';
import { createTargetPolicy, type HostResolver } from './create-target-policy.js';
import { sendWebhook } from './send-webhook.js';
import { signWebhook } from './sign-webhook.js';
import { fakeResolver } from './testing/fake-resolver.js';
import { type Receiver, type ReceiverHandler, startReceiver } from './testing/start-receiver.js';
import { generateWebhookSecret } from './webhook-secret.js';

const LOOPBACK_ALLOWED = ['http+127.0.0.0/8', 'http+::1/128'];
const body = JSON.stringify({ type: 'dossier.status_changed', timestamp: '2026-05-01T10:00:00Z', data: { reference: 'CEET-2026-000123', status: 'EN_COURS' } });
const open: Receiver[] = [];

async function receiver(handler?: ReceiverHandler, tls?: { key: string; cert: string }): Promise<Receiver> {
  const started = await startReceiver(handler, tls);
  open.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

const policy = (allow: readonly string[] = LOOPBACK_ALLOWED, resolve?: HostResolver) => createTargetPolicy({ allow, ...(resolve ? { resolve } : {}) });
const send = (url: string, extra: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
  sendWebhook({ url, headers: {}, body, policy: policy(), timeoutMs: 5000, maxResponseBytes: 64 * 1024, userAgent: 'Guichet-Webhooks/test', ...extra });

describe('sendWebhook — a delivery', () => {
  it('POSTs the exact body with the signature headers, which the receiver verifies with the official package', async () => {
    const secret = generateWebhookSecret();
    const verified: unknown[] = [];
    const target = await receiver((request, response) => {
      try {
        verified.push(new Webhook(secret).verify(request.body, request.headers as Record<string, string>));
        response.writeHead(204).end();
      } catch {
        response.writeHead(401).end();
      }
    });
    const headers = signWebhook({ id: 'msg_1', timestamp: new Date(), body, secrets: [secret] });
    const result = await send(target.url('/hooks?tenant=7'), { headers: { ...headers, 'x-guichet-attempt': '1' } });
    expect(result).toMatchObject({ statusCode: 204, error: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(verified).toEqual([JSON.parse(body)]);
    const [request] = target.requests;
    expect(request).toMatchObject({ method: 'POST', url: '/hooks?tenant=7', body });
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Guichet-Webhooks/test',
      host: `127.0.0.1:${target.port}`,
      'webhook-id': 'msg_1',
      'x-guichet-attempt': '1',
    });
  });

  it('keeps its own framing headers whatever the caller passes', async () => {
    const target = await receiver();
    await send(target.url(), { headers: { 'Content-Type': 'text/plain', Host: 'evil.example', 'Content-Length': '1', 'Transfer-Encoding': 'chunked' } });
    expect(target.requests[0]!.headers).toMatchObject({ 'content-type': 'application/json', host: `127.0.0.1:${target.port}`, 'content-length': String(Buffer.byteLength(body)) });
    expect(target.requests[0]!.body).toBe(body);
  });

  it.each([200, 201, 202, 203, 204, 206, 299])('counts HTTP %i as a success', async (status) => {
    const target = await receiver((_, response) => response.writeHead(status).end(status === 204 ? undefined : 'merci'));
    expect(await send(target.url())).toMatchObject({ statusCode: status, error: null });
  });

  it.each([400, 401, 403, 404, 405, 409, 410, 413, 422, 429, 500, 501, 502, 503, 504, 599])('counts HTTP %i as a failure with its status', async (status) => {
    const target = await receiver((_, response) => response.writeHead(status, { 'retry-after': '30' }).end('{"error":"nope"}'));
    expect(await send(target.url())).toMatchObject({ statusCode: status, error: `HTTP ${status}` });
  });

  const redirectTargets = ['http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'INTERNAL', '/relative-elsewhere'];
  it.each([301, 302, 303, 307, 308].flatMap((status) => redirectTargets.map((location) => ({ status, location }))))('never follows a $status redirect (to $location)', async ({ status, location }) => {
    const internal = await receiver();
    const where = location === 'INTERNAL' ? internal.url('/admin') : location;
    const target = await receiver((_, response) => response.writeHead(status, { location: where }).end());
    const result = await send(target.url());
    expect(result).toEqual({ statusCode: status, error: `HTTP ${status} redirect to ${where} not followed`, durationMs: expect.any(Number) });
    expect(internal.connections()).toBe(0);
    expect(target.requests).toHaveLength(1);
  });

  it('reports a 3xx without a Location as a failure too', async () => {
    const target = await receiver((_, response) => response.writeHead(304).end());
    expect(await send(target.url())).toMatchObject({ statusCode: 304, error: 'HTTP 304 redirect not followed' });
  });
});

describe('sendWebhook — where it connects', () => {
  /** Loopback notations as an integrator might write them: each must reach the receiver only through the allow-list. */
  const notations = ['127.0.0.1', '2130706433', '0x7f000001', '0177.0.0.1', '127.1', '127.0.0.1.', '[::ffff:7f00:1]', '[::ffff:127.0.0.1]'];

  it.each(notations)('refuses http://%s:<port>/ without the allow-list, connecting to nothing', async (host) => {
    const target = await receiver();
    const result = await send(`http://${host}:${target.port}/hooks`, { policy: policy([]) });
    expect(result).toMatchObject({ statusCode: null });
    expect(result.error).toMatch(/^(blocked address|scheme http: not allowed)/);
    const https = await send(`https://${host}:${target.port}/hooks`, { policy: policy([]) });
    expect(https).toMatchObject({ statusCode: null, error: expect.stringMatching(/^blocked address (127\.0\.0\.1|::ffff:7f00:1) \(loopback/) });
    expect(target.connections()).toBe(0);
  });

  it.each(notations)('delivers to http://%s:<port>/ when the allow-list holds http+127.0.0.0/8', async (host) => {
    const target = await receiver();
    expect(await send(`http://${host}:${target.port}/hooks`, { policy: policy(['http+127.0.0.0/8']) })).toMatchObject({ statusCode: 200, error: null });
    expect(target.requests).toHaveLength(1);
  });

  it.each(['10.0.0.1', '169.254.169.254', '[fd00::1]', '[::1]', '0.0.0.0', '100.64.0.1'])('refuses https://%s/ with the address and its range', async (host) => {
    const result = await send(`https://${host}/hooks`, { policy: policy(['http+127.0.0.0/8']) });
    expect(result).toMatchObject({ statusCode: null, error: expect.stringMatching(/^blocked address \S+ \(\w+/) });
  });

  it('refuses a name that resolved to a public address at registration and to 127.0.0.1 at send time (DNS rebinding)', async () => {
    const target = await receiver();
    const dns = fakeResolver({ 'rebind.example.tg': { sequence: [['41.207.160.1'], ['127.0.0.1']] } });
    const rebinding = createTargetPolicy({ resolve: dns.resolve });
    const url = `https://rebind.example.tg:${target.port}/hooks`;
    expect(await checkWebhookUrl(url, rebinding)).toMatchObject({ ok: true });
    const result = await sendWebhook({ url, headers: {}, body, policy: rebinding, timeoutMs: 5000 });
    expect(result).toMatchObject({ statusCode: null, error: 'blocked address 127.0.0.1 (loopback)' });
    expect(dns.calls).toEqual(['rebind.example.tg', 'rebind.example.tg']);
    expect(target.connections()).toBe(0);
  });

  it('refuses a name with one private address among public ones, connecting to nothing', async () => {
    const target = await receiver();
    const dns = fakeResolver({ 'mixed.example.tg': ['41.207.160.1', '127.0.0.1'] });
    const result = await send(`https://mixed.example.tg:${target.port}/`, { policy: createTargetPolicy({ resolve: dns.resolve }) });
    expect(result).toMatchObject({ statusCode: null, error: 'blocked address 127.0.0.1 (loopback)' });
    expect(target.connections()).toBe(0);
  });

  it('connects to the checked address only, resolving once, with the original name in Host', async () => {
    const target = await receiver();
    // `.invalid` never resolves in real DNS (RFC 6761): the request can only reach the receiver through the pinned address.
    const dns = fakeResolver({ 'receiver.invalid': ['127.0.0.1'] });
    const result = await send(`http://receiver.invalid:${target.port}/hooks`, { policy: policy(['http+127.0.0.0/8'], dns.resolve) });
    expect(result).toMatchObject({ statusCode: 200, error: null });
    expect(dns.calls).toEqual(['receiver.invalid']);
    expect(target.requests[0]!.headers.host).toBe(`receiver.invalid:${target.port}`);
  });

  it('tries every checked address (IPv6 first here) and none other', async () => {
    const target = await receiver();
    const dns = fakeResolver({ 'dual.invalid': ['::1', '127.0.0.1'] });
    expect(await send(`http://dual.invalid:${target.port}/`, { policy: policy(LOOPBACK_ALLOWED, dns.resolve) })).toMatchObject({ statusCode: 200, error: null });
  });

  it('uses the system resolver by default (localhost)', async () => {
    const target = await receiver();
    expect(await send(`http://localhost:${target.port}/`)).toMatchObject({ statusCode: 200, error: null });
  });

  it.each([
    ['not a url', 'invalid URL'],
    ['ftp://127.0.0.1/', 'scheme ftp: not allowed'],
    ['http://user:pw@127.0.0.1/', 'URL has credentials'],
    ['https://nowhere.invalid/', 'unresolvable host nowhere.invalid (ENOTFOUND)'],
  ])('reports %s as "%s"', async (url, error) => {
    expect(await send(url, { policy: policy(LOOPBACK_ALLOWED, fakeResolver({}).resolve) })).toMatchObject({ statusCode: null, error });
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rawServer(onSocket: (socket: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('sendWebhook — failures, deadlines and limits', () => {
  it('reports a closed port as "connection refused"', async () => {
    const port = await freePort();
    expect(await send(`http://127.0.0.1:${port}/`)).toMatchObject({ statusCode: null, error: 'connection refused' });
  });

  it('reports a receiver that never answers as a timeout while waiting for the response', async () => {
    const target = await receiver(() => {});
    const result = await send(target.url(), { timeoutMs: 300 });
    expect(result).toMatchObject({ statusCode: null, error: 'timeout after 300 ms while waiting for the response' });
    expect(target.requests).toHaveLength(1);
  });

  it('reports a receiver that accepts but never reads as a timeout (one deadline for everything)', async () => {
    const silent = await rawServer(() => {});
    try {
      expect(await send(`http://127.0.0.1:${silent.port}/`, { timeoutMs: 300 })).toMatchObject({ statusCode: null, error: 'timeout after 300 ms while waiting for the response' });
    } finally {
      await silent.close();
    }
  });

  it('reports a body trickled past the deadline as a timeout, keeping the status', async () => {
    let timer: NodeJS.Timeout | undefined;
    const target = await receiver((_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      timer = setInterval(() => response.write('.'), 20);
      response.on('close', () => clearInterval(timer));
    });
    const result = await send(target.url(), { timeoutMs: 300 });
    clearInterval(timer);
    expect(result).toMatchObject({ statusCode: 200, error: 'timeout after 300 ms while reading the response body' });
  });

  it('reports a resolver that never answers as a timeout while resolving the host', async () => {
    const hanging = createTargetPolicy({ allow: LOOPBACK_ALLOWED, resolve: fakeResolver({ 'slow.invalid': 'hang' }).resolve, resolveTimeoutMs: 60_000 });
    expect(await send('https://slow.invalid/', { policy: hanging, timeoutMs: 200 })).toMatchObject({ statusCode: null, error: 'timeout after 200 ms while resolving the host' });
  });

  it.each([
    [200, null],
    [500, 'HTTP 500'],
  ] as const)('reads an endless %i body only up to maxResponseBytes, then cuts the connection', async (status, error) => {
    let written = 0;
    let cut = false;
    const target = await receiver((_, response) => {
      response.writeHead(status, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      const pump = () => {
        while (!response.destroyed && written < 512 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
      };
      response.on('close', () => {
        cut = !response.writableFinished;
      });
      pump();
    });
    const result = await send(target.url(), { maxResponseBytes: 100_000, timeoutMs: 10_000 });
    expect(result).toMatchObject({ statusCode: status, error });
    await expect.poll(() => cut).toBe(true);
    expect(written).toBeLessThan(512 * 1024 * 1024);
  });

  it('accepts a body of exactly maxResponseBytes', async () => {
    const target = await receiver((_, response) => response.writeHead(200).end('x'.repeat(1000)));
    expect(await send(target.url(), { maxResponseBytes: 1000 })).toMatchObject({ statusCode: 200, error: null });
  });

  it('reports a receiver that drops the connection before answering', async () => {
    const target = await receiver((_, response) => response.socket?.destroy());
    expect(await send(target.url())).toMatchObject({ statusCode: null, error: 'connection closed before the response (socket hang up)' });
  });

  it('reports a receiver that cuts the body short', async () => {
    const target = await receiver((_, response) => {
      response.writeHead(200, { 'content-length': '1000' });
      response.write('partial', () => response.socket?.destroy());
    });
    const result = await send(target.url());
    expect(result).toMatchObject({ statusCode: 200, error: 'connection closed while reading the response body' });
  });

  it('reports a receiver that does not speak HTTP', async () => {
    const garbage = await rawServer((socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n')));
    try {
      const result = await send(`http://127.0.0.1:${garbage.port}/`);
      expect(result.statusCode).toBeNull();
      expect(result.error).toMatch(/^invalid HTTP response: .*\(HPE_/);
    } finally {
      await garbage.close();
    }
  });

  it('never throws, even on a header value Node refuses', async () => {
    const target = await receiver();
    const result = await send(target.url(), { headers: { 'x-bad': 'a\r\nInjected: 1' } });
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/ERR_INVALID_CHAR/);
    expect(target.connections()).toBe(0);
  });
});

describe('sendWebhook — https', () => {
  let pem: { key: string; cert: string };
  beforeAll(async () => {
    const { generate } = await import('selfsigned');
    const generated = await generate([{ name: 'commonName', value: 'hooks.test' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + 24 * 3600_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'hooks.test' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    });
    pem = { key: generated.private, cert: generated.cert };
  });
  afterAll(() => {});

  const dns = () => fakeResolver({ 'hooks.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] }).resolve;

  it('delivers over TLS to the checked address, with the host name in SNI and Host', async () => {
    const target = await receiver(undefined, pem);
    const result = await send(`https://hooks.test:${target.port}/hooks`, { policy: policy(['127.0.0.0/8'], dns()), ca: pem.cert });
    expect(result).toMatchObject({ statusCode: 200, error: null });
    expect(target.requests[0]).toMatchObject({ servername: 'hooks.test', body });
    expect(target.requests[0]!.headers.host).toBe(`hooks.test:${target.port}`);
  });

  it('delivers over TLS to an IP literal (no SNI, the certificate names the IP)', async () => {
    const target = await receiver(undefined, pem);
    expect(await send(target.url(), { policy: policy(['127.0.0.0/8']), ca: [pem.cert] })).toMatchObject({ statusCode: 200, error: null });
    expect(target.requests[0]!.servername).toBeNull();
  });

  it('refuses an untrusted certificate', async () => {
    const target = await receiver(undefined, pem);
    const result = await send(`https://hooks.test:${target.port}/hooks`, { policy: policy(['127.0.0.0/8'], dns()) });
    expect(result).toMatchObject({ statusCode: null, error: expect.stringMatching(/^TLS error: .*\(DEPTH_ZERO_SELF_SIGNED_CERT\)$/) });
    expect(target.requests).toHaveLength(0);
  });

  it('refuses a certificate for another name', async () => {
    const target = await receiver(undefined, pem);
    const result = await send(`https://other.test:${target.port}/hooks`, { policy: policy(['127.0.0.0/8'], dns()), ca: pem.cert });
    expect(result).toMatchObject({ statusCode: null, error: expect.stringMatching(/^TLS error: .*\(ERR_TLS_CERT_ALTNAME_INVALID\)$/) });
    expect(target.requests).toHaveLength(0);
  });

  it('times out during a TLS handshake that never completes, while connecting', async () => {
    const mute = await rawServer(() => {});
    try {
      const result = await send(`https://hooks.test:${mute.port}/`, { policy: policy(['127.0.0.0/8'], dns()), ca: pem.cert, timeoutMs: 300 });
      expect(result).toMatchObject({ statusCode: null, error: 'timeout after 300 ms while connecting' });
    } finally {
      await mute.close();
    }
  });
});
