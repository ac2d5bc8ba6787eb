import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventReader } from '../../../gateway/supervision-room/test-support/event-reader.js';
import { sample } from '../../support/prometheus.js';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { tokenFor } from '../../support/tokens.js';

/**
 * The supervision room's live channel under attack, on a gateway of its own with small limits (the shared stack is
 * left alone): callers are played from loopback through `X-Forwarded-For` behind one trusted proxy hop.
 */
const anonymousPerMinute = 5;
const perPrincipal = 2;
/** The witness stream of the first block stays open: it counts towards this cap in the second. */
const maxStreams = 5;

let gateway: ExtraGateway;
const opened: AbortController[] = [];

beforeAll(async () => {
  gateway = await spawnGateway({
    // The stream caps hold per process (as SUPERVISION_MAX_STREAMS always did): one process, so that they are exact here.
    WORKERS: '1',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(anonymousPerMinute),
    TRUSTED_PROXY_HOPS: '1',
    SUPERVISION_MAX_STREAMS: String(maxStreams),
    SUPERVISION_MAX_STREAMS_PER_PRINCIPAL: String(perPrincipal),
    // One read per stream is all these tests need.
    SUPERVISION_PUSH_MS: '60000',
  });
});
afterAll(async () => {
  for (const controller of opened) controller.abort();
  await gateway?.stop();
});

/** Opens `/supervision/events` as `from` (an address behind the proxy; none: the loopback itself). */
async function openStream(token: string | undefined, { from, query = '' }: { from?: string; query?: string } = {}) {
  const controller = new AbortController();
  opened.push(controller);
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (from !== undefined) headers['x-forwarded-for'] = from;
  const response = await fetch(`${gateway.url}/supervision/events${query}`, { headers, signal: controller.signal });
  return { response, close: () => controller.abort() };
}

/** The JSON refusal of a stream that did not open. */
async function refusalOf(response: Response): Promise<{ code: string; message: string }> {
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

/** GraphQL requests the gateway answered so far (the room's own reads included). */
async function answeredRequests(): Promise<number> {
  return sample(await (await fetch(`${gateway.url}/metrics`)).text(), 'guichet_gateway_request_duration_seconds_count');
}

async function anonymousQueryFrom(from: string | undefined): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (from !== undefined) headers['x-forwarded-for'] = from;
  return (await fetch(gateway.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query: '{ procedures { code } }' }) })).status;
}

/** A JWT-shaped bearer value that no IdP signed. */
const junkToken = (i: number) =>
  `eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.${Buffer.from(JSON.stringify({ sub: `superviseur-${i}`, role: 'supervisor' })).toString('base64url')}.c2lnbmF0dXJlLWZhdXNzZQ`;

/** A fresh token from the IdP for one supervisor (another `jti` each time: same person, another token). */
async function freshSupervisorToken(subject: string): Promise<string> {
  const response = await fetch(`${inject('idpUrl')}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'supervisor', subject }) });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('junk tokens at the supervision stream', () => {
  const attacker = '203.0.113.7';
  const bystander = '198.51.100.23';

  it('count against the caller’s own address: its anonymous budget runs out, nobody else’s, and no read is made for them', async () => {
    const before = await answeredRequests();
    for (let i = 0; i < anonymousPerMinute; i += 1) {
      const { response } = await openStream(junkToken(i), { from: attacker });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect((await refusalOf(response)).code).toBe('UNAUTHENTICATED');
    }
    const limited = (await openStream(junkToken(99), { from: attacker })).response;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refusalOf(limited)).code).toBe('RATE_LIMITED');
    // The same budget as the attacker's GraphQL requests without a token…
    expect(await anonymousQueryFrom(attacker)).toBe(429);
    // …and only the attacker's: another caller, and the gateway's own loopback address, still have theirs.
    expect(await anonymousQueryFrom(bystander)).toBe(200);
    expect(await anonymousQueryFrom(undefined)).toBe(200);
    // A junk token never opened a read loop: the only GraphQL requests since are the three above.
    expect((await answeredRequests()) - before).toBe(3);
  });

  it('a request without any token counts the same way (a refused credential), and a real supervisor elsewhere still gets a stream', async () => {
    const anonymous = (await openStream(undefined, { from: attacker })).response;
    expect(anonymous.status).toBe(429);
    const { response } = await openStream(await tokenFor({ role: 'supervisor', subject: 'superviseur-temoin' }), { from: bystander });
    expect(response.status).toBe(200);
    expect((await eventReader(response).next(10_000))?.event).toBe('figures');
  });
});

describe('streams per supervisor', () => {
  it(`one supervisor gets at most ${perPrincipal} streams, whatever the token; a second supervisor still gets one; the global cap stays`, async () => {
    const first = await freshSupervisorToken('superviseur-a');
    const mine = [await openStream(first), await openStream(first, { query: '?ministry=ENERGY' })];
    for (const { response } of mine) expect(response.status).toBe(200);

    // A new token for the same person (same subject and client) counts the same.
    for (const token of [first, await freshSupervisorToken('superviseur-a')]) {
      const { response } = await openStream(token, { query: '?ministry=MINES' });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      const refusal = await refusalOf(response);
      expect(refusal.code).toBe('TOO_MANY_STREAMS');
      expect(refusal.message).toMatch(new RegExp(`au plus ${perPrincipal}`));
    }

    const second = await openStream(await freshSupervisorToken('superviseur-b'));
    expect(second.response.status).toBe(200);
    expect((await eventReader(second.response).next(10_000))?.event).toBe('figures');

    // The process-wide cap still holds, for everyone (the witness stream above is the fifth).
    expect((await openStream(await freshSupervisorToken('superviseur-c'))).response.status).toBe(200);
    const full = (await openStream(await freshSupervisorToken('superviseur-d'))).response;
    expect(full.status).toBe(503);
    expect((await refusalOf(full)).code).toBe('SERVICE_OVERLOADED');

    // A stream closed gives its place back to its supervisor.
    mine[0]!.close();
    let again: Response | undefined;
    for (let attempt = 0; attempt < 50 && again?.status !== 200; attempt += 1) {
      if (attempt > 0) await sleep(100);
      again = (await openStream(first)).response;
    }
    expect(again?.status).toBe(200);
  });
});
