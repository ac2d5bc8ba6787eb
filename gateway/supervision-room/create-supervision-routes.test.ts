import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, createRequestListener, listen } from '../../lib/http/index.js';
import { createLogger } from '../../lib/log/index.js';
import { createSupervisionRoutes, type SupervisionRoutes } from './create-supervision-routes.js';
import { supervisionRoomDocument } from './supervision-room-document.js';
import type { DoorVerdict } from './stream-door.js';
import { bearerDoor, type BearerDoorOptions } from './test-support/bearer-door.js';
import { eventReader } from './test-support/event-reader.js';
import { dossierEvent, fakeEventHub, type FakeEventHub } from './test-support/fake-event-hub.js';
import { figuresBody, graphqlError, startTestUpstream, type UpstreamAnswer } from './test-support/upstream.js';

const log = createLogger('supervision-room-test', 'silent');
const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzdXAtMSJ9.c2lnbmF0dXJl';
const otherToken = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzdXAtMiJ9.c2lnbmF0dXJl';
const pushIntervalMs = 60;

function webBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'supervision-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/supervision/assets/main.js"></script>');
  writeFileSync(join(dir, 'main.js'), 'export {};');
  writeFileSync(join(dir, 'styles.css'), 'body{}');
  writeFileSync(join(dir, 'notes.txt'), 'not served');
  return dir;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startRoom(
  answer: (request: { authorization: string | undefined }) => UpstreamAnswer,
  options: { keepAliveMs?: number; maxStreams?: number; maxStreamsPerPrincipal?: number; door?: BearerDoorOptions; events?: FakeEventHub; idleRefreshMs?: number } = {},
) {
  const upstream = await startTestUpstream(answer);
  const { door: doorOptions, ...rest } = options;
  const door = bearerDoor(doorOptions);
  const room: SupervisionRoutes = createSupervisionRoutes({ log, pushIntervalMs, graphqlUrl: upstream.graphqlUrl, webDirectory: webBuild(), door, ...rest });
  const server = createServer(createRequestListener(room.routes));
  const url = await listen(server, '127.0.0.1', 0);
  cleanups.push(
    upstream.close,
    () => closeServer(server, 100),
    () => room.close(),
  );
  const open = (query = '', bearer: string | null = token, signal?: AbortSignal) =>
    fetch(`${url}/supervision/events${query}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {}, ...(signal ? { signal } : {}) });
  return { url, room, upstream, open, door };
}

describe('supervision page and assets', () => {
  it('serves the page and its assets with their types, a strict CSP and revalidation', async () => {
    const { url } = await startRoom(() => ({ status: 200, body: figuresBody(1) }));
    const page = await fetch(`${url}/supervision`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const etag = page.headers.get('etag')!;
    expect((await fetch(`${url}/supervision`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const script = await fetch(`${url}/supervision/assets/main.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${url}/supervision/assets/styles.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${url}/supervision/assets/notes.txt`)).status).toBe(404);
    expect((await fetch(`${url}/supervision/assets/..%2Fmain.js`)).status).toBe(404);
  });

  it('answers 503 when the web build is missing', async () => {
    const room = createSupervisionRoutes({ log, webDirectory: join(tmpdir(), 'no-such-build'), door: bearerDoor() });
    const server = createServer(createRequestListener(room.routes));
    const url = await listen(server, '127.0.0.1', 0);
    cleanups.push(() => closeServer(server, 100));
    expect((await fetch(`${url}/supervision`)).status).toBe(503);
  });
});

describe('live channel', () => {
  it('refuses a stream without a bearer token, or with a bad filter, before reading anything', async () => {
    const { open, upstream } = await startRoom(() => ({ status: 200, body: figuresBody(1) }));
    const anonymous = await open('', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect((await open('', 'not-a-jwt-at-all')).status).toBe(401);
    expect((await open('?ministry=energy%3Bdrop')).status).toBe(400);
    expect((await open('?from=2026-13-01')).status).toBe(400);
    expect((await open('?from=2026-11-02&to=2026-11-01')).status).toBe(400);
    expect((await open('?token=x')).status).toBe(400);
    expect(upstream.requests).toHaveLength(0);
  });

  it('reads through the graph with the caller’s token and filter, the trusted SupervisionRoom document', async () => {
    const { open, upstream } = await startRoom(() => ({ status: 200, body: figuresBody(7) }));
    const response = await open('?ministry=ENERGY&from=2026-10-01&to=2026-11-01');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const events = eventReader(response);
    const first = await events.next();
    expect(first?.event).toBe('figures');
    expect(first?.data).toMatchObject({ data: { supervision: { totals: { total: 7 } } }, partial: [] });
    await events.cancel();
    expect(upstream.requests[0]).toEqual({
      authorization: `Bearer ${token}`,
      body: { operationName: 'SupervisionRoom', query: supervisionRoomDocument, variables: { filter: { ministry: 'ENERGY', from: '2026-10-01', to: '2026-11-01' } } },
    });
  });

  it('pushes only when the figures change (a new asOf alone is no change)', async () => {
    let total = 1;
    let reads = 0;
    const { open } = await startRoom(() => ({ status: 200, body: figuresBody(total, new Date(Date.UTC(2026, 10, 23, 8, 0, (reads += 1))).toISOString()) }));
    const events = eventReader(await open());
    expect((await events.next())?.data).toMatchObject({ data: { supervision: { totals: { total: 1 } } } });
    expect(await events.next(pushIntervalMs * 5)).toBeUndefined();
    expect(reads).toBeGreaterThanOrEqual(3);
    total = 2;
    expect((await events.next())?.data).toMatchObject({ data: { supervision: { totals: { total: 2 } } } });
    await events.cancel();
  });

  it('with the event hub: reads when an event of the filter comes, not on the push pace; leaves the hub with its last stream', async () => {
    const hub = fakeEventHub();
    let total = 1;
    const { open, upstream } = await startRoom(() => ({ status: 200, body: figuresBody(total) }), { events: hub, idleRefreshMs: 600_000 });
    const energy = eventReader(await open('?ministry=ENERGY'));
    const mines = eventReader(await open('?ministry=MINES'));
    expect((await energy.next())?.event).toBe('figures');
    expect((await mines.next())?.event).toBe('figures');
    expect(hub.listenerCount).toBe(2);
    // Without an event, no read at the push pace.
    await sleep(pushIntervalMs * 5);
    expect(upstream.requests).toHaveLength(2);
    total = 2;
    hub.emit(dossierEvent({ ministry: 'ENERGY' }));
    expect((await energy.next())?.data).toMatchObject({ data: { supervision: { totals: { total: 2 } } } });
    expect(upstream.requests.map((r) => r.body.variables?.filter?.ministry)).toEqual(['ENERGY', 'MINES', 'ENERGY']);
    // Cut from upstream: the fast pace again, so that nothing gets staler.
    hub.setConnected(false);
    expect((await mines.next())?.data).toMatchObject({ data: { supervision: { totals: { total: 2 } } } });
    await energy.cancel();
    await mines.cancel();
    await expect.poll(() => hub.listenerCount).toBe(0);
  });

  it('shares one read loop between the streams of one token and filter, and only those', async () => {
    const { open, upstream, room } = await startRoom(() => ({ status: 200, body: figuresBody(3) }));
    const streams = await Promise.all([open(), open(), open('?ministry=ENERGY'), open('', otherToken)]);
    const readers = streams.map(eventReader);
    for (const reader of readers) expect((await reader.next())?.event).toBe('figures');
    expect(room.streamCount).toBe(4);
    const before = upstream.requests.length;
    await sleep(pushIntervalMs * 6);
    const reads = upstream.requests.slice(before);
    const loops = new Set(reads.map((r) => `${r.authorization}|${JSON.stringify(r.body.variables)}`));
    expect(loops.size).toBe(3);
    // Three loops at one read per interval: far fewer reads than four streams polling on their own would make.
    expect(reads.length).toBeLessThanOrEqual(3 * 8);
    for (const reader of readers) await reader.cancel();
  });

  it('stops reading when the last stream goes away', async () => {
    const { open, upstream, room } = await startRoom(() => ({ status: 200, body: figuresBody(3) }));
    const events = eventReader(await open());
    await events.next();
    await events.cancel();
    await sleep(pushIntervalMs * 2);
    expect(room.streamCount).toBe(0);
    const after = upstream.requests.length;
    await sleep(pushIntervalMs * 4);
    expect(upstream.requests.length).toBe(after);
  });

  it('answers the graph’s refusal of the token with its HTTP status, before any stream', async () => {
    const unauthenticated = await startRoom(() => graphqlError('UNAUTHENTICATED', 401));
    expect((await unauthenticated.open()).status).toBe(401);
    const forbidden = await startRoom(() => graphqlError('FORBIDDEN'));
    const response = await forbidden.open();
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const limited = await startRoom(() => ({ status: 429, body: { errors: [{ message: 'x', extensions: { code: 'RATE_LIMITED', retryAfterMs: 2500 } }] } }));
    const refused = await limited.open();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3');
  });

  it('ends the stream when the token stops being accepted; keeps it open through a passing failure', async () => {
    let answer: UpstreamAnswer = { status: 200, body: figuresBody(5) };
    const { open } = await startRoom(() => answer);
    const events = eventReader(await open());
    expect((await events.next())?.event).toBe('figures');
    answer = graphqlError('BACKEND_UNAVAILABLE');
    expect((await events.next())?.data).toMatchObject({ code: 'BACKEND_UNAVAILABLE', fatal: false });
    answer = { status: 200, body: figuresBody(5) };
    expect((await events.next())?.event).toBe('figures');
    answer = graphqlError('UNAUTHENTICATED', 401);
    expect((await events.next())?.data).toMatchObject({ code: 'UNAUTHENTICATED', fatal: true });
    expect(await events.next()).toBeUndefined();
    expect(events.ended).toBe(true);
  });

  it('passes partial answers on with the codes of what is missing', async () => {
    const body = figuresBody(4) as { data: unknown };
    const { open } = await startRoom(() => ({ status: 200, body: { ...body, errors: [{ message: 'x', extensions: { code: 'BACKEND_UNAVAILABLE' } }] } }));
    const events = eventReader(await open());
    expect((await events.next())?.data).toMatchObject({ partial: ['BACKEND_UNAVAILABLE'] });
    await events.cancel();
  });

  it('sends heartbeats on a quiet stream', async () => {
    const { open } = await startRoom(() => ({ status: 200, body: figuresBody(4) }), { keepAliveMs: 50 });
    const events = eventReader(await open());
    await events.next();
    expect((await events.next())?.event).toBe('heartbeat');
    await events.cancel();
  });

  it('reads through the server it is mounted on by default (the gateway’s own /graphql)', async () => {
    const received: string[] = [];
    const room = createSupervisionRoutes({ log, pushIntervalMs, webDirectory: webBuild(), door: bearerDoor() });
    const server = createServer(
      createRequestListener({
        ...room.routes,
        'POST /graphql': (req, res) => {
          received.push(req.headers.authorization ?? '');
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(figuresBody(9)));
        },
      }),
    );
    const url = await listen(server, '127.0.0.1', 0);
    cleanups.push(
      () => closeServer(server, 100),
      () => room.close(),
    );
    const events = eventReader(await fetch(`${url}/supervision/events`, { headers: { authorization: `Bearer ${token}` } }));
    expect((await events.next())?.data).toMatchObject({ data: { supervision: { totals: { total: 9 } } } });
    expect(received[0]).toBe(`Bearer ${token}`);
    await events.cancel();
  });

  it('close() ends every stream at once and stops reading', async () => {
    const { open, upstream, room } = await startRoom(() => ({ status: 200, body: figuresBody(4) }));
    const events = eventReader(await open());
    await events.next();
    await room.close();
    expect(await events.next(500)).toBeUndefined();
    expect(events.ended).toBe(true);
    const after = upstream.requests.length;
    await sleep(pushIntervalMs * 3);
    expect(upstream.requests.length).toBe(after);
    expect((await open()).status).toBe(503);
  });
});

describe('the door and the caps', () => {
  it('answers the door’s refusal without reading anything: 401, or 429 with Retry-After once the address is over its budget', async () => {
    const refusals: Record<string, DoorVerdict> = { [token]: { kind: 'refused', code: 'UNAUTHENTICATED' }, [otherToken]: { kind: 'refused', code: 'RATE_LIMITED', retryAfterMs: 4_200 } };
    const { open, upstream } = await startRoom(() => ({ status: 200, body: figuresBody(1) }), { door: { refuse: (t) => (t === undefined ? undefined : refusals[t]) } });
    const unauthenticated = await open();
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('www-authenticate')).toBe('Bearer');
    expect(await unauthenticated.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const limited = await open('', otherToken);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('5');
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(upstream.requests).toHaveLength(0);
  });

  it('reads with the headers the door gives for the caller (its attested address)', async () => {
    const { open, upstream } = await startRoom(() => ({ status: 200, body: figuresBody(2) }), { door: { readHeaders: () => ({ 'x-guichet-caller': 'v1.attested' }) } });
    const events = eventReader(await open());
    await events.next();
    await events.cancel();
    expect(upstream.headers[0]?.['x-guichet-caller']).toBe('v1.attested');
  });

  it('gives one principal at most maxStreamsPerPrincipal streams, whatever the token, then 429 TOO_MANY_STREAMS; others still get theirs', async () => {
    const samePerson = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzdXAtMSIsImp0aSI6MiJ9.c2lnbmF0dXJl';
    const { open, room } = await startRoom(() => ({ status: 200, body: figuresBody(3) }), { maxStreamsPerPrincipal: 2, door: { principalOf: (t) => (t === otherToken ? 'sup-2' : 'sup-1') } });
    const first = [await open(), await open('?ministry=ENERGY')];
    for (const response of first) expect(response.status).toBe(200);
    for (const [query, bearer] of [
      ['', token],
      ['?ministry=MINES', samePerson],
    ] as const) {
      const refused = await open(query, bearer);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(await refused.json()).toEqual({ error: { code: 'TOO_MANY_STREAMS', message: 'Trop de tableaux de bord ouverts avec ce compte (au plus 2 à la fois) : fermez-en un, puis réessayez.' } });
    }
    const other = await open('', otherToken);
    expect(other.status).toBe(200);
    expect(room.streamCount).toBe(3);
    // A stream that ends gives its place back.
    await eventReader(first[0]!).cancel();
    let again: Response | undefined;
    for (let attempt = 0; attempt < 50 && again?.status !== 200; attempt += 1) {
      if (attempt > 0) await sleep(20);
      again = await open('', samePerson);
    }
    expect(again?.status).toBe(200);
    for (const response of [first[1]!, other, again!]) await eventReader(response).cancel();
  });

  it('keeps the process-wide cap for everyone: 503 SERVICE_OVERLOADED beyond maxStreams', async () => {
    const { open } = await startRoom(() => ({ status: 200, body: figuresBody(3) }), { maxStreams: 2 });
    const tokens = ['eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiIn0.c2ln', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjIn0.c2ln'];
    const opened = [await open('', tokens[0]!), await open('', tokens[1]!)];
    for (const response of opened) expect(response.status).toBe(200);
    const full = await open('', tokens[2]!);
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('30');
    expect(await full.json()).toMatchObject({ error: { code: 'SERVICE_OVERLOADED' } });
    for (const response of opened) await eventReader(response).cancel();
  });
});
