import { describe, expect, it } from 'vitest';
import { gql } from '../../support/graphql-client.js';
import { citizenToken, tokenFor } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';

/** The stack gives the OAuth client `limite-test` 5 requests a minute: the 6th is refused, other clients are not. */
const citizen = citizenInAllSystems();

describe('rate limiting per client', () => {
  it('the 6th request in a minute from client limite-test → 429, Retry-After, RATE_LIMITED with retryAfterMs; another client is unaffected', async () => {
    const limited = await tokenFor({ role: 'integrator', scopes: ['dossiers:read'], clientId: 'limite-test' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await gql(`{ procedures { code } }`, {}, { token: limited })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await gql(`query($r: ID!) { dossier(reference: $r) { reference status } }`, { r: citizen.ceet[0]! }, { token: limited });
    expect(refused.status).toBe(429);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]!.extensions?.code).toBe('RATE_LIMITED');
    const retryAfterMs = refused.errors![0]!.extensions?.retryAfterMs;
    expect(typeof retryAfterMs).toBe('number');
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(Number(refused.headers.get('retry-after'))).toBe(Math.max(1, Math.ceil((retryAfterMs as number) / 1000)));
    expect(refused.headers.get('cache-control')).toMatch(/no-store/);

    // Another person of the same client is limited too: the bucket is the client's.
    const sameClient = await tokenFor({ role: 'citizen', niu: citizen.niu, clientId: 'limite-test' });
    expect((await gql(`{ me { niu } }`, {}, { token: sameClient })).status).toBe(429);

    // Other clients, and the same person through another client, are unaffected.
    const other = await gql<{ me: { niu: string } }>(`{ me { niu } }`, {}, { token: await citizenToken(citizen.niu) });
    expect(other.status).toBe(200);
    expect(other.data!.me.niu).toBe(citizen.niu);
    expect((await gql(`{ procedures { code } }`, {}, { token: await tokenFor({ role: 'integrator', scopes: ['dossiers:read'] }) })).status).toBe(200);
    expect((await gql(`{ procedures { code } }`)).status).toBe(200);
  });
});
