import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnGateway, type ExtraGateway } from '../../support/spawn-gateway.js';
import { citizenToken, tokenFor } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';
import { graphqlSearch, wireRequest } from './wire-request.js';

/**
 * Bytes on the wire through the real gateway: compression by Accept-Encoding, ETag/304 per caller on GET polls, the
 * RateLimit headers, and what must never be compressed (the supervision room's event stream).
 */
const citizen = citizenInAllSystems();
const operation = (name: string) => readFileSync(new URL(`../../../clients/operations/${name}.graphql`, import.meta.url), 'utf8');
const dashboard = operation('CitizenDashboard');
const dossierStatus = operation('DossierStatus');
const procedures = operation('Procedures');
const preflight = { 'apollo-require-preflight': 'true' };
const gatewayUrl = () => inject('gatewayUrl');

async function postDashboard(headers: Record<string, string>) {
  return wireRequest(gatewayUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await citizenToken(citizen.niu)}`, ...headers },
    body: JSON.stringify({ query: dashboard, variables: { niu: citizen.niu } }),
  });
}

describe('compression', () => {
  it('sends the dashboard in brotli, gzip or as it is, by Accept-Encoding, the same JSON each way', async () => {
    const plain = await postDashboard({});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.text).data.citizen.niu).toBe(citizen.niu);
    const cases: [string, string | undefined][] = [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0.1, gzip;q=0.9', 'gzip'],
      ['gzip;q=0, br;q=0', undefined],
      ['identity', undefined],
      ['*', 'br'],
    ];
    for (const [acceptEncoding, coding] of cases) {
      const reply = await postDashboard({ 'accept-encoding': acceptEncoding });
      expect([acceptEncoding, reply.headers['content-encoding']]).toEqual([acceptEncoding, coding]);
      expect(reply.headers.vary?.split(', ')).toEqual(expect.arrayContaining(['Accept', 'Authorization', 'Accept-Encoding']));
      expect(Number(reply.headers['content-length'])).toBe(reply.wire.length);
      expect(JSON.parse(reply.text)).toEqual(JSON.parse(plain.text));
      if (coding !== undefined) expect(reply.wire.length).toBeLessThan(plain.wire.length / 2);
    }
  });

  it('leaves a small answer uncompressed (under 1 KB), still varying on Accept-Encoding', async () => {
    const reply = await wireRequest(gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'br' },
      // One procedure: the whole catalogue's codes outgrew 1 KB with the energy & mines ministry's 29 procedures.
      body: JSON.stringify({ query: '{ procedure(code: "CEET-RACCORDEMENT-BT") { code title } }' }),
    });
    expect(reply.status).toBe(200);
    expect(reply.wire.length).toBeLessThan(1024);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.vary).toContain('Accept-Encoding');
  });

  it('never compresses the supervision room’s event stream, whatever the client accepts', async () => {
    const controller = new AbortController();
    try {
      const response = await fetch(`${gatewayUrl().replace(/\/graphql$/, '')}/supervision/events`, {
        headers: { accept: 'text/event-stream', 'accept-encoding': 'br, gzip', authorization: `Bearer ${await tokenFor({ role: 'supervisor' })}` },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('content-encoding')).toBeNull();
    } finally {
      controller.abort();
    }
  });
});

describe('ETag and 304 on GET polls', () => {
  const reference = citizen.ceet[0]!;
  const poll = async (token: string, headers: Record<string, string> = {}) =>
    wireRequest(`${gatewayUrl()}${graphqlSearch(dossierStatus, { reference })}`, { headers: { ...preflight, authorization: `Bearer ${token}`, 'accept-encoding': 'br', ...headers } });

  it('tags a citizen’s status poll, answers the same poll with If-None-Match by a bare 304 keeping Cache-Control, Vary and ETag', async () => {
    const token = await citizenToken(citizen.niu);
    const first = await poll(token);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).data.dossier.reference).toBe(reference);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const again = await poll(token, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.wire.length).toBe(0);
    expect(again.headers).toMatchObject({ etag, 'cache-control': 'private, no-cache' });
    expect(again.headers.vary?.split(', ')).toEqual(expect.arrayContaining(['Accept', 'Authorization', 'Accept-Encoding']));
    expect(again.headers['ratelimit']).toMatch(/^"user";r=\d+;t=\d+, "client";r=\d+;t=\d+$/);
    // A stale tag gets the full answer.
    expect((await poll(token, { 'if-none-match': 'W/"stale"' })).status).toBe(200);
  });

  it('never lets one caller’s tag validate another caller’s answer, even byte for byte the same', async () => {
    // The same citizen through two clients: the same JSON, two callers.
    const portal = await tokenFor({ role: 'citizen', niu: citizen.niu, clientId: 'portail-web' });
    const mobile = await tokenFor({ role: 'citizen', niu: citizen.niu, clientId: 'app-mobile' });
    const fromPortal = await poll(portal);
    const fromMobile = await poll(mobile, { 'if-none-match': fromPortal.headers.etag! });
    expect(fromMobile.status).toBe(200);
    expect(fromMobile.text).toBe(fromPortal.text);
    expect(fromMobile.headers.etag).not.toBe(fromPortal.headers.etag);
  });

  it('gives a public answer (the catalogue) one tag for everyone, and a 304 to anyone who holds it', async () => {
    const anonymous = await wireRequest(`${gatewayUrl()}${graphqlSearch(procedures)}`, { headers: preflight });
    expect(anonymous.headers['cache-control']).toBe('public, max-age=300');
    const etag = anonymous.headers.etag!;
    expect(etag).toMatch(/^W\//);
    const asCitizen = await wireRequest(`${gatewayUrl()}${graphqlSearch(procedures)}`, {
      headers: { ...preflight, authorization: `Bearer ${await citizenToken(citizen.niu)}`, 'if-none-match': etag },
    });
    expect(asCitizen.status).toBe(304);
  });

  it('has no ETag on POST, on errors, nor on anything no-store', async () => {
    expect((await postDashboard({})).headers.etag).toBeUndefined();
    const token = await citizenToken(citizen.niu);
    const foreign = await wireRequest(`${gatewayUrl()}${graphqlSearch(dossierStatus, { reference: 'CEET-2020-999999' })}`, { headers: { ...preflight, authorization: `Bearer ${token}` } });
    expect(foreign.headers['cache-control']).toMatch(/no-store/);
    expect(foreign.headers.etag).toBeUndefined();
    const again = await wireRequest(`${gatewayUrl()}${graphqlSearch(dossierStatus, { reference: 'CEET-2020-999999' })}`, {
      headers: { ...preflight, authorization: `Bearer ${token}`, 'if-none-match': '*' },
    });
    expect(again.status).toBe(200);
  });
});

describe('RateLimit headers', () => {
  it('tells every answer the limiter counted where the caller stands, per bucket', async () => {
    const anonymous = await wireRequest(gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ procedures { code } }' }) });
    expect(anonymous.headers['ratelimit-policy']).toBe('"anonymous";q=100000;w=60');
    expect(anonymous.headers.ratelimit).toMatch(/^"anonymous";r=\d+;t=\d+$/);
    const reply = await postDashboard({});
    expect(reply.headers['ratelimit-policy']).toBe('"user";q=100000;w=60, "client";q=1000000;w=60');
    const [user, client] = String(reply.headers.ratelimit).split(', ');
    expect(Number(/r=(\d+)/.exec(user!)?.[1])).toBeLessThan(100_000);
    expect(Number(/r=(\d+)/.exec(client!)?.[1])).toBeLessThan(1_000_000);
  });

  describe('on a gateway with two requests a minute per person', () => {
    let gateway: ExtraGateway;
    beforeAll(async () => {
      gateway = await spawnGateway({ WORKERS: '1', RATE_LIMIT_USER_PER_MINUTE: '2' });
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    it('counts down r, then answers 429 with Retry-After and the refusing bucket at r=0', async () => {
      const token = await tokenFor({ role: 'citizen', niu: citizen.niu, subject: 'rythme-limite' });
      const ask = () =>
        wireRequest(gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { niu } }' }) });
      const first = await ask();
      expect([first.status, first.headers['ratelimit-policy']]).toEqual([200, '"user";q=2;w=60, "client";q=3000;w=60']);
      expect(first.headers.ratelimit).toMatch(/^"user";r=1;t=30, "client";r=\d+;t=\d+$/);
      const second = await ask();
      expect(second.headers.ratelimit).toMatch(/^"user";r=0;t=(59|60), /);
      const refused = await ask();
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(29);
      expect(retryAfter).toBeLessThanOrEqual(30);
      expect(refused.headers['ratelimit-policy']).toBe('"user";q=2;w=60');
      expect(refused.headers.ratelimit).toMatch(/^"user";r=0;t=(59|60)$/);
      expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('RATE_LIMITED');
    });
  });
});
