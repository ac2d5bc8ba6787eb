import { request } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSubscriptionStack, type SubscriptionStack } from './test-support/start-subscription-stack.js';
import { eventOf, myEvents, sseSubscribe, subscribe, syncOn, wsSubscribe, type Subscriber, type Transport } from './test-support/subscribers.js';

let stack: SubscriptionStack;
beforeAll(async () => {
  stack = await startSubscriptionStack({ SUBSCRIPTIONS_REPLAY_EVENTS: '4', SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL: '2', SUBSCRIPTIONS_MAX_QUEUED_EVENTS: '8' });
}, 30_000);
afterAll(async () => {
  await stack?.close();
});

const open: Subscriber[] = [];
const track = (subscriber: Subscriber) => {
  open.push(subscriber);
  return subscriber;
};
afterEach(async () => {
  for (const subscriber of open.splice(0)) await subscriber.close();
});

const errorOf = (result: unknown) => (result as { errors?: { message: string; extensions?: { code?: string; reason?: string } }[] }).errors?.[0];
const aliceToken = () => stack.token({ role: 'citizen', niu: stack.alice });
const alicesAfter = (cursor: string) => stack.published().filter((e) => e.ownerNiu === stack.alice && e.cursor > cursor);

describe('resumption', () => {
  it('over SSE, Last-Event-ID resumes past the replay buffer (a catch-up read upstream) with each event once, then live', async () => {
    const token = await aliceToken();
    const first = track(sseSubscribe(stack.gateway.url, { query: myEvents, token }));
    const synced = await syncOn(first, () => stack.publish(stack.aliceDossier, stack.alice));
    await first.close();
    // More events than the gateway keeps (4): the resume must read the upstream log from the cursor.
    for (let i = 0; i < 10; i += 1) stack.publish(i % 3 === 0 ? stack.bobDossier : stack.aliceDossier, i % 3 === 0 ? stack.bob : stack.alice);
    const connectionsBefore = stack.source.connections.length;
    const again = track(sseSubscribe(stack.gateway.url, { query: myEvents, token, headers: { 'last-event-id': synced } }));
    const expected = alicesAfter(synced).map((e) => e.cursor);
    const seen: string[] = [];
    for (const _ of expected) seen.push(String(eventOf(await again.next())?.cursor));
    expect(seen).toEqual(expected);
    expect(stack.source.connections.slice(connectionsBefore).some((c) => c.after === synced)).toBe(true);
    const live = stack.publish(stack.aliceDossier, stack.alice);
    expect(eventOf(await again.next())?.cursor).toBe(live.cursor);
  });

  it.each<Transport>(['sse', 'ws'])('over %s, a dropped upstream stream is resumed by the gateway with Last-Event-ID: nothing lost, nothing twice', async (transport) => {
    const subscriber = track(subscribe(transport, stack.gateway.url, { query: myEvents, token: await aliceToken() }));
    const synced = await syncOn(subscriber, () => stack.publish(stack.aliceDossier, stack.alice));
    const connectionsBefore = stack.source.connections.length;
    stack.source.dropStreams();
    // Published while the gateway is reconnecting: the upstream log replays them after its last cursor.
    for (let i = 0; i < 3; i += 1) stack.publish(stack.aliceDossier, stack.alice, 'APPROVED');
    const expected = alicesAfter(synced).map((e) => e.cursor);
    const seen: string[] = [];
    for (const _ of expected) seen.push(String(eventOf(await subscriber.next())?.cursor));
    expect(seen).toEqual(expected);
    const reconnection = stack.source.connections.slice(connectionsBefore).find((c) => c.after !== undefined);
    expect(reconnection?.principal.subject).toBe('guichet-gateway');
  });
});

describe('the end of a stream', () => {
  it.each<Transport>(['sse', 'ws'])('over %s, the token’s expiry ends the stream with UNAUTHENTICATED / TOKEN_EXPIRED', async (transport) => {
    const token = await stack.shortToken(stack.alice, 2);
    const subscriber = track(subscribe(transport, stack.gateway.url, { query: myEvents, token }));
    await syncOn(subscriber, () => stack.publish(stack.aliceDossier, stack.alice));
    for (;;) {
      const result = await subscriber.next(10_000);
      if (eventOf(result)) continue;
      expect(errorOf(result)?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
      expect(errorOf(result)?.message).toMatch(/session a expiré/);
      break;
    }
    expect(await subscriber.next()).toBe('done');
  });

  it('a slow SSE client is told SLOW_CONSUMER and closed; the gateway never buffers without bound', async () => {
    const token = await aliceToken();
    const url = new URL('/graphql/stream', stack.gateway.url);
    const body = JSON.stringify({ query: myEvents });
    const chunks: Buffer[] = [];
    let resume: () => void = () => undefined;
    const ended = new Promise<void>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', 'content-type': 'application/json' } }, (res) => {
        expect(res.statusCode).toBe(200);
        // Reads nothing until told: the socket's buffers fill, then the gateway's bounded queue.
        res.pause();
        resume = () => {
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.resume();
        };
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
    // Large events, many of them: far more than the kernel's socket buffers and the 8-event queue.
    const big = 'X'.repeat(16_000);
    let published = 0;
    while (published < 2_000) {
      stack.source.publish({
        type: 'STATUS_CHANGED',
        reference: stack.aliceDossier,
        ownerNiu: stack.alice,
        ministry: 'ENERGY',
        system: 'ceet',
        procedure: 'CEET-RACCORDEMENT',
        status: 'IN_PROGRESS',
        ministryStatus: big,
        previousStatus: null,
        at: new Date().toISOString(),
      });
      published += 1;
      if (published % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    resume();
    await ended;
    const text = Buffer.concat(chunks).toString('utf8');
    const messages = text.split('\n\n').filter((m) => m.startsWith('event: next'));
    const last = messages.at(-1) ?? '';
    expect(last).toContain('"code":"SERVICE_OVERLOADED"');
    expect(last).toContain('"reason":"SLOW_CONSUMER"');
    expect(messages.length - 1).toBeLessThan(published);
    expect(text).toContain('event: complete');
  }, 20_000);
});

describe('a slow WebSocket client', () => {
  it('is closed with 1013 SLOW_CONSUMER once its bounded queue overflows', async () => {
    const token = await aliceToken();
    const ws = new WebSocket(`${stack.gateway.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: { type: string; payload?: unknown }[] = [];
    let onMessage: () => void = () => undefined;
    ws.on('message', (data) => {
      messages.push(JSON.parse(String(data)) as { type: string });
      onMessage();
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    const waitFor = (type: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (messages.some((m) => m.type === type)) resolve();
        };
        onMessage = check;
        check();
      });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
    await waitFor('connection_ack');
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: myEvents } }));
    const probe = setInterval(() => stack.publish(stack.aliceDossier, stack.alice), 50);
    await waitFor('next');
    clearInterval(probe);
    // Stop reading: the kernel's buffers fill, then the server's send callbacks wait, then the 8-event queue.
    const socket = Reflect.get(ws, '_socket') as Socket;
    socket.pause();
    const big = 'X'.repeat(16_000);
    let published = 0;
    while (published < 2_000) {
      stack.source.publish({
        type: 'STATUS_CHANGED',
        reference: stack.aliceDossier,
        ownerNiu: stack.alice,
        ministry: 'ENERGY',
        system: 'ceet',
        procedure: 'CEET-RACCORDEMENT',
        status: 'IN_PROGRESS',
        ministryStatus: big,
        previousStatus: null,
        at: new Date().toISOString(),
      });
      published += 1;
      if (published % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    socket.resume();
    const { code, reason } = await closed;
    expect(code).toBe(1013);
    expect(reason).toMatch(/^SLOW_CONSUMER/);
    expect(messages.filter((m) => m.type === 'next').length).toBeLessThan(published);
  }, 20_000);
});

describe('caps and refusals', () => {
  it.each<Transport>(['sse', 'ws'])('over %s, one principal may hold at most SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL streams; a closed one frees its place', async (transport) => {
    const token = await stack.token({ role: 'citizen', niu: stack.bob });
    const probe = () => stack.publish(stack.bobDossier, stack.bob);
    const first = track(subscribe(transport, stack.gateway.url, { query: myEvents, token }));
    const second = track(subscribe(transport, stack.gateway.url, { query: myEvents, token }));
    await syncOn(first, probe);
    await syncOn(second, probe);
    const third = track(subscribe(transport, stack.gateway.url, { query: myEvents, token }));
    let result = await third.next();
    while (eventOf(result)) result = await third.next();
    expect(errorOf(result)?.extensions).toEqual({ code: 'RATE_LIMITED', reason: 'TOO_MANY_SUBSCRIPTIONS' });
    await first.close();
    // The place is released once the server has seen the close: retry until it has.
    for (let attempt = 0; ; attempt += 1) {
      const fourth = track(subscribe(transport, stack.gateway.url, { query: myEvents, token }));
      const event = await Promise.race([syncOn(fourth, probe).then(() => 'events'), fourth.next().then((r) => (eventOf(r) ? 'events' : errorOf(r)?.extensions?.code))]);
      if (event === 'events') break;
      await fourth.close();
      expect(attempt).toBeLessThan(50);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('an SSE request with a bad token is 401 with an RFC 6750 challenge; a query is sent to POST /graphql', async () => {
    const refused = await fetch(`${stack.gateway.url}/graphql/stream`, {
      method: 'POST',
      headers: { authorization: 'Bearer not.a.token', accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ query: myEvents }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="guichet", error="invalid_token"/);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const query = track(sseSubscribe(stack.gateway.url, { query: '{ __typename }', token: await aliceToken() }));
    expect(errorOf(await query.next())?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('a WebSocket whose connection_init carries a bad token is closed with 4401', async () => {
    const subscriber = track(wsSubscribe(stack.gateway.url, { query: myEvents, token: 'not.a.token' }));
    await expect(subscriber.next()).rejects.toMatchObject({ code: 4401 });
  });

  it('the internal stream refuses a caller without the internal token', async () => {
    expect((await fetch(stack.source.eventsUrl)).status).toBe(401);
  });
});

describe('SSE message ids', () => {
  it('over SSE, each message carries its event’s cursor as its id (selected or not), so an EventSource resumes by itself', async () => {
    const token = await aliceToken();
    // No cursor selected: the id comes from the event, not from the answer's fields.
    const query = 'subscription { myDossierEvents { reference status } }';
    const url = `${stack.gateway.url}/graphql/stream?query=${encodeURIComponent(query)}`;
    const frames = async function* (headers: Record<string, string>, signal: AbortSignal) {
      const response = await fetch(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}`, ...headers }, signal });
      expect(response.status).toBe(200);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.includes('event: next')) yield frame;
        }
      }
    };
    const idOf = (frame: string) => /^id: (.+)$/m.exec(frame)?.[1];
    const first = new AbortController();
    const reader = frames({}, first.signal);
    const probe = setInterval(() => stack.publish(stack.aliceDossier, stack.alice), 100);
    let synced: string;
    try {
      const frame = (await reader.next()).value as string;
      synced = idOf(frame) ?? '';
    } finally {
      clearInterval(probe);
    }
    expect(stack.published().some((e) => e.cursor === synced && e.ownerNiu === stack.alice)).toBe(true);
    const published = [stack.publish(stack.aliceDossier, stack.alice, 'APPROVED'), stack.publish(stack.bobDossier, stack.bob), stack.publish(stack.aliceDossier, stack.alice, 'COMPLETED')];
    const ids: string[] = [];
    for (const expected of alicesAfter(synced).filter((e) => e.cursor <= published[2]!.cursor)) {
      const frame = (await reader.next()).value as string;
      ids.push(String(idOf(frame)));
      expect(frame, expected.cursor).toContain(`"status":"${expected.status}"`);
    }
    expect(ids).toEqual(
      alicesAfter(synced)
        .filter((e) => e.cursor <= published[2]!.cursor)
        .map((e) => e.cursor),
    );
    first.abort();
    // The connection drops; a browser reconnects with the last id it saw, and gets what came after, once.
    const missed = stack.publish(stack.aliceDossier, stack.alice, 'REJECTED');
    const again = new AbortController();
    try {
      const resumed = frames({ 'last-event-id': ids.at(-1)! }, again.signal);
      const frame = (await resumed.next()).value as string;
      expect(idOf(frame)).toBe(alicesAfter(ids.at(-1)!)[0]?.cursor);
      expect(idOf(frame)).toBe(missed.cursor);
    } finally {
      again.abort();
    }
  });
});
