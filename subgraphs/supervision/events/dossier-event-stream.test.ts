import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createInternalTokenSigner, INTERNAL_TOKEN_HEADER, type Principal } from '../../../auth/index.js';
import { dossierEventSchema } from '../../../events/index.js';
import { closeServer, createRequestListener, listen } from '../../../lib/http/index.js';
import { createLogger } from '../../../lib/log/index.js';
import { testInternalTokenSecret } from '../../../tests/support/test-secrets.js';
import { createGatewayAuthenticator } from '../../shared/index.js';
import { createMemoryReadModelStore, type ReadModelStore } from '../store/index.js';
import { createDossierEventStream, type DossierEventStream, type DossierEventStreamOptions } from './dossier-event-stream.js';
import { newDossierEvent } from './test-support/dossier-event-log-contract.js';
import { openSse, type SseConnection, type SseFrame } from './test-support/sse-reader.js';
import { createWakeups } from './wakeups.js';

const logger = createLogger('events-test', 'silent');
const gateway: Principal = { subject: 'gateway', role: 'supervisor', scopes: ['supervisor'], clientId: 'gateway' };
const token = () => createInternalTokenSigner({ secret: testInternalTokenSecret }).sign(gateway, {});
const fact = { key: 'CEET-2026-000001', system: 'ceet', procedure: 'CEET-RACCORDEMENT-BT', commune: null, status: 'IN_PROGRESS', submittedMs: 0, decidedMs: null, updatedMs: 1 } as const;

const running: { server: Server; stream: DossierEventStream; connections: SseConnection[] }[] = [];
afterEach(async () => {
  for (const { server, stream, connections } of running.splice(0)) {
    for (const connection of connections) connection.close();
    await stream.close();
    await closeServer(server, 100);
  }
});

/** The route on a real HTTP server, over a memory store; events appended through the store as the leader's polls do. */
async function serve(overrides: Partial<DossierEventStreamOptions> = {}) {
  const store: ReadModelStore = createMemoryReadModelStore();
  const stream = createDossierEventStream({
    log: store.events,
    authenticate: createGatewayAuthenticator(testInternalTokenSecret),
    logger,
    heartbeatMs: 60_000,
    maxStreams: 8,
    maxBufferedBytes: 1_048_576,
    stallMs: 5_000,
    pollMs: 20,
    ...overrides,
  });
  const server = createServer(createRequestListener({ 'GET /internal/dossier-events': stream.handler }));
  const origin = await listen(server, '127.0.0.1', 0);
  const connections: SseConnection[] = [];
  running.push({ server, stream, connections });
  let next = 1;
  return {
    store,
    stream,
    /** Appends `count` events (one poll), numbered on from the last. */
    append: (count: number) =>
      store.save(
        'ceet',
        [fact],
        1,
        Array.from({ length: count }, () => newDossierEvent(next++)),
      ),
    async open(query = '', headers: Record<string, string> = {}) {
      const connection = await openSse(`${origin}/internal/dossier-events${query}`, { [INTERNAL_TOKEN_HEADER]: await token(), ...headers });
      connections.push(connection);
      return connection;
    },
    async openWithout(headers: Record<string, string>) {
      const connection = await openSse(`${origin}/internal/dossier-events`, headers);
      connections.push(connection);
      return connection;
    },
  };
}

const ids = (frames: readonly SseFrame[]) => frames.filter((f) => f.event === 'dossier').map((f) => f.id);
const hasId = (id: string) => (frame: SseFrame) => frame.id === id;
const cursor = (n: number) => String(n).padStart(12, '0');

describe('GET /internal/dossier-events', () => {
  it.each([
    ['no internal token', async () => ({})],
    ['a token signed with another secret', async () => ({ [INTERNAL_TOKEN_HEADER]: await createInternalTokenSigner({ secret: 'another-secret-0123456789-0123456789-0123' }).sign(gateway, {}) })],
    ['garbage', async () => ({ [INTERNAL_TOKEN_HEADER]: 'not-a-token' })],
  ])('refuses a caller with %s: 401, no stream', async (_, headers) => {
    const { openWithout, append } = await serve();
    await append(1);
    const refused = await openWithout(await headers());
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('streams each event as `id: <cursor>`, `event: dossier`, `data: <DossierEvent>`; without a cursor, only new ones', async () => {
    const { open, append } = await serve();
    await append(2);
    const connection = await open();
    expect(connection.status).toBe(200);
    expect(connection.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(connection.headers['cache-control']).toBe('no-store');
    await connection.until((f) => f.retry !== undefined);
    await append(1);
    const frame = await connection.until(hasId(cursor(3)));
    expect(frame.event).toBe('dossier');
    expect(dossierEventSchema.parse(JSON.parse(frame.data ?? ''))).toEqual({ cursor: cursor(3), ...newDossierEvent(3) });
    expect(ids(connection.frames)).toEqual([cursor(3)]);
  });

  it('resumes after Last-Event-ID (which wins over ?after=) with no gap and no duplicate, then goes on live', async () => {
    const { open, append } = await serve();
    await append(5);
    const first = await open('?after=0');
    await first.until(hasId(cursor(5)));
    expect(ids(first.frames)).toEqual([1, 2, 3, 4, 5].map(cursor));
    first.close();
    await append(2);
    const resumed = await open('?after=0', { 'last-event-id': cursor(3) });
    await resumed.until(hasId(cursor(7)));
    await append(3);
    await resumed.until(hasId(cursor(10)));
    expect(ids(resumed.frames)).toEqual([4, 5, 6, 7, 8, 9, 10].map(cursor));
    const byQuery = await open(`?after=${cursor(8)}`);
    await byQuery.until(hasId(cursor(10)));
    expect(ids(byQuery.frames)).toEqual([9, 10].map(cursor));
  });

  it('delivers what many polls append while a reader reads, each event once and in order', async () => {
    const { open, append } = await serve({ pageSize: 7 });
    const connection = await open('?after=0');
    for (let poll = 0; poll < 40; poll += 1) await append(1 + (poll % 5));
    const total = Array.from({ length: 40 }, (_, poll) => 1 + (poll % 5)).reduce((a, b) => a + b, 0);
    await connection.until(hasId(cursor(total)));
    expect(ids(connection.frames)).toEqual(Array.from({ length: total }, (_, i) => cursor(i + 1)));
  });

  it('wakes at once on an in-process append, without waiting for the log poll', async () => {
    const wakeups = createWakeups();
    const { open, append } = await serve({ wakeups, pollMs: 3_600_000 });
    const connection = await open('?after=0');
    await connection.until((f) => f.retry !== undefined);
    await append(2);
    wakeups.wake();
    await connection.until(hasId(cursor(2)));
    expect(ids(connection.frames)).toEqual([1, 2].map(cursor));
  });

  it('sends `event: reset` with the oldest retained cursor first when the cursor asked for was pruned, then continues from there', async () => {
    const { open, append, store } = await serve();
    await append(3);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.events.prune(Date.now());
    await append(2);
    const connection = await open('', { 'last-event-id': cursor(1) });
    await connection.until(hasId(cursor(5)));
    const meaningful = connection.frames.filter((f) => f.event !== undefined);
    expect(meaningful[0]).toEqual({ event: 'reset', data: JSON.stringify({ oldest: cursor(4) }) });
    expect(ids(connection.frames)).toEqual([4, 5].map(cursor));
  });

  it('sends a `: heartbeat` comment every DOSSIER_EVENTS_HEARTBEAT_MS', async () => {
    const { open } = await serve({ heartbeatMs: 30 });
    const connection = await open();
    await connection.until((f) => f.comment === 'heartbeat');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connection.frames.filter((f) => f.comment === 'heartbeat').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a malformed cursor with 400', async () => {
    const { open } = await serve();
    for (const bad of ['abc', '-1', '1.5']) {
      const refused = await open('', { 'last-event-id': bad });
      expect(refused.status).toBe(400);
    }
    expect((await open('?after=x')).status).toBe(400);
  });

  it('caps concurrent streams (DOSSIER_EVENTS_MAX_STREAMS): one more gets 503 with Retry-After, and a freed place serves again', async () => {
    const { open, stream } = await serve({ maxStreams: 2 });
    const a = await open();
    await open();
    const refused = await open();
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    a.close();
    await a.ended;
    await expect.poll(() => stream.open()).toBe(1);
    expect((await open()).status).toBe(200);
  });

  it('closes a reader too slow for its buffer bound; it resumes from its last cursor with nothing lost nor repeated', async () => {
    const { open, append, stream } = await serve({ maxBufferedBytes: 16_384, stallMs: 500 });
    const slow = await open('?after=0');
    await append(10);
    await slow.until(hasId(cursor(10)));
    slow.pause();
    const total = 30_010;
    for (let i = 10; i < total; i += 5_000) await append(5_000);
    // Closed by the server while the reader does not read.
    await expect.poll(() => stream.open(), { timeout: 15_000 }).toBe(0);
    slow.close();
    const received = ids(slow.frames);
    expect(received.length).toBeLessThan(total);
    expect(received.length).toBeGreaterThanOrEqual(10);
    const last = received.at(-1) ?? cursor(0);
    const resumed = await open('', { 'last-event-id': last });
    await resumed.until(hasId(cursor(total)));
    expect([...received, ...ids(resumed.frames)]).toEqual(Array.from({ length: total }, (_, i) => cursor(i + 1)));
  });

  it('holds the cap under concurrent requests', async () => {
    const { open, stream } = await serve({ maxStreams: 2 });
    const statuses = (await Promise.all(Array.from({ length: 6 }, () => open()))).map((c) => c.status).sort();
    expect(statuses).toEqual([200, 200, 503, 503, 503, 503]);
    expect(stream.open()).toBe(2);
  });

  it('keeps a stream open while the log cannot be read, and delivers once it can, nothing skipped', async () => {
    const store = createMemoryReadModelStore();
    let failures = 0;
    const flaky = { ...store.events, readAfter: (after: string, limit: number) => (failures-- > 0 ? Promise.reject(new Error('disk I/O error')) : store.events.readAfter(after, limit)) };
    const { open } = await serve({ log: flaky });
    const connection = await open('?after=0');
    await connection.until((f) => f.retry !== undefined);
    failures = 3;
    await store.save('ceet', [fact], 1, [newDossierEvent(1), newDossierEvent(2)]);
    await connection.until(hasId(cursor(2)));
    expect(ids(connection.frames)).toEqual([1, 2].map(cursor));
    expect(failures).toBeLessThan(0);
  });

  it('ends every stream on shutdown and refuses new ones', async () => {
    const { open, stream } = await serve();
    const connection = await open();
    await connection.until((f) => f.retry !== undefined);
    await stream.close();
    await connection.ended;
    expect((await open()).status).toBe(503);
  });
});
