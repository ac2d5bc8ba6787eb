import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { legacyCounters } from '../../support/legacy-counters.js';
import { rawGet, rawPost } from '../../support/raw-http.js';
import { citizenToken } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';

/**
 * CSRF-style "simple" requests (which a browser sends cross-site without a preflight) are refused by Apollo's
 * csrfPrevention: a GET without a preflight-forcing header, a POST with a form or text content type.
 */
const citizen = citizenInAllSystems();
const mutation = (key: string) => `mutation { requestCivilActCopy(idempotencyKey: "${key}", input: { applicantNiu: "${citizen.niu}", actNumber: "N-GOLFE1-2019-000001", copies: 1 }) { reference } }`;

describe('CSRF prevention', () => {
  it('GET ?query=… without a preflight header → 400, and no personal data', async () => {
    const response = await rawGet({ query: 'query { me { niu firstName } }' }, { authorization: `Bearer ${await citizenToken(citizen.niu)}` });
    expect(response.status).toBe(400);
    expect(response.text).not.toContain(citizen.niu);
    expect(response.text).toMatch(/CSRF|preflight/i);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('POST with content-type %s → 400, mutation not run', async (contentType) => {
    const before = await legacyCounters();
    const response = await rawPost(JSON.stringify({ query: mutation(`csrf-${randomUUID()}`) }), { 'content-type': contentType, authorization: `Bearer ${await citizenToken(citizen.niu)}` });
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('RNEC-');
    expect(await legacyCounters()).toEqual(before);
  });

  it('POST without any content type → 400, mutation not run', async () => {
    const before = await legacyCounters();
    const response = await rawPost(JSON.stringify({ query: mutation(`csrf-${randomUUID()}`) }), { authorization: `Bearer ${await citizenToken(citizen.niu)}` });
    expect(response.status).toBe(400);
    expect(await legacyCounters()).toEqual(before);
  });

  it('a mutation over GET is refused: 400 without the preflight header, 405 with it; nothing filed', async () => {
    const before = await legacyCounters();
    const token = await citizenToken(citizen.niu);
    const simple = await rawGet({ query: mutation(`csrf-${randomUUID()}`) }, { authorization: `Bearer ${token}` });
    expect(simple.status).toBe(400);
    const preflighted = await rawGet({ query: mutation(`csrf-${randomUUID()}`) }, { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' });
    expect(preflighted.status).toBe(405);
    expect(await legacyCounters()).toEqual(before);
  });

  it('control: the same GET with the preflight header works', async () => {
    const response = await rawGet({ query: 'query { me { niu } }' }, { authorization: `Bearer ${await citizenToken(citizen.niu)}`, 'apollo-require-preflight': 'true' });
    expect(response.status).toBe(200);
    expect(response.json?.data).toEqual({ me: { niu: citizen.niu } });
  });
});
