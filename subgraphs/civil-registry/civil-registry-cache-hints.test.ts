import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { citizenPrincipal, postAs } from '../shared/testing/index.js';
import { readMinistrySubgraphConfig } from '../shared/index.js';
import { civilRegistry } from './ministry.js';
import { startTestCivilRegistry, type TestCivilRegistry } from './testing/start-test-civil-registry.js';

let stack: TestCivilRegistry;
let url: string;
beforeAll(async () => {
  stack = await startTestCivilRegistry(31);
  url = await stack.startSubgraph();
});
afterAll(() => stack?.close());
beforeEach(() => stack.resetRnec());

// Citizens with a copy request, one per test: the identity cache of one test does not answer another's.
const applicants = () => [...new Set(stack.world.copyRequests.map((r) => r.niu))];
const referenceOf = (niu: string) => `RNEC-${stack.world.copyRequests.find((r) => r.niu === niu)!.number.slice(3)}`;
const birthActOf = (niu: string) => stack.world.persons.find((p) => p.niu === niu)!.birthActNumber;
const identity = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { niu firstName lastName birthDate civilActs { number kind date } } } }`;
const citizenRef = (niu: string) => ({ __typename: 'Citizen', niu });

describe('civil-registry cache hints, over HTTP', () => {
  it('a citizen’s identity and acts by reference: max-age=60, private', async () => {
    const niu = applicants()[0]!;
    const reply = await postAs(url, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] });
    expect(reply.errors).toBeUndefined();
    expect(reply.headers.get('cache-control')).toBe('max-age=60, private');
  });

  it('an act by number: max-age=60, private', async () => {
    const niu = applicants()[1]!;
    const reply = await postAs(url, citizenPrincipal(niu), `query($n: ID!) { civilAct(number: $n) { number kind date commune } }`, { n: birthActOf(niu) });
    expect(reply.errors).toBeUndefined();
    expect(reply.headers.get('cache-control')).toBe('max-age=60, private');
  });

  it('anything with a status is no-store, unless the change feed proves it: a copy request by reference (kept alone), a citizen’s list (only within a whole response)', async () => {
    const niu = applicants()[2]!;
    const byReference = await postAs(url, citizenPrincipal(niu), `query($r: ID!) { civilActCopyRequest(reference: $r) { reference status } }`, { r: referenceOf(niu) });
    expect(byReference.errors).toBeUndefined();
    expect(byReference.headers.get('cache-control')).toBe('no-store');
    const list = await postAs(url, citizenPrincipal(niu), `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { lastName civilActCopyRequests { reference status } } } }`, {
      r: [citizenRef(niu)],
    });
    expect(list.errors).toBeUndefined();
    // A listing carries seals for its own request: never kept alone (bound), only in a whole response on the proof.
    expect(list.headers.get('cache-control')).toBe('max-age=60, private');
    expect(list.headers.get('guichet-cache-proof')).toBe('feed');
    expect(list.headers.get('guichet-cache-owners')).toBe(niu);
    expect(list.headers.get('guichet-cache-bound')).toBe('request');
    const mixed = await postAs(url, citizenPrincipal(niu), `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { lastName } ... on CivilActCopyRequest { reference } } }`, {
      r: [citizenRef(niu), { __typename: 'CivilActCopyRequest', reference: referenceOf(niu) }],
    });
    expect(mixed.errors).toBeUndefined();
    // A copy request by reference is of class feed (docs/performance.md): kept by the gateway only on the feed's proof,
    // for no longer than the identity beside it.
    expect(mixed.headers.get('cache-control')).toBe('max-age=60, private');
    expect(mixed.headers.get('guichet-cache-proof')).toBe('feed');
    expect(mixed.headers.get('guichet-cache-owners')).toBe(niu);
    expect(mixed.headers.get('guichet-cache-bound')).toBeNull();
  });

  it('a mutation is no-store', async () => {
    const niu = applicants()[3]!;
    const reply = await postAs(url, citizenPrincipal(niu), `mutation($i: CivilActCopyInput!, $k: String!) { requestCivilActCopy(input: $i, idempotencyKey: $k) { reference status } }`, {
      i: { applicantNiu: niu, actNumber: birthActOf(niu), copies: 1 },
      k: 'cache-hints-test-0001',
    });
    expect(reply.errors).toBeUndefined();
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it('an answer with an error is no-store: another citizen’s identity, RNEC failing', async () => {
    const [niu, other, failing] = applicants().slice(4, 7) as [string, string, string];
    const foreign = await postAs(url, citizenPrincipal(niu), identity, { r: [citizenRef(other)] });
    expect(foreign.errors?.map((e) => e.extensions?.code)).toContain('NOT_FOUND');
    expect(foreign.headers.get('cache-control')).toBe('no-store');
    // A subgraph of its own: the failures open its circuit breaker, which must not refuse the other tests' calls.
    const isolated = await stack.startSubgraph();
    await stack.setRnecFaults({ errorRate: 1 });
    const down = await postAs(isolated, citizenPrincipal(failing), identity, { r: [citizenRef(failing)] });
    expect(down.errors?.length).toBeGreaterThan(0);
    expect(down.headers.get('cache-control')).toBe('no-store');
  });

  it('CACHE_IDENTITY_MAX_AGE_S sets the max-age; 0 turns it off', async () => {
    const niu = applicants()[7]!;
    const [shorter, off] = await Promise.all([stack.startSubgraph({ CACHE_IDENTITY_MAX_AGE_S: '15' }), stack.startSubgraph({ CACHE_IDENTITY_MAX_AGE_S: '0' })]);
    expect((await postAs(shorter, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] })).headers.get('cache-control')).toBe('max-age=15, private');
    expect((await postAs(off, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] })).headers.get('cache-control')).toBe('no-store');
    expect(() => readMinistrySubgraphConfig(civilRegistry, { CACHE_IDENTITY_MAX_AGE_S: '-1' })).toThrow(/CACHE_IDENTITY_MAX_AGE_S/);
  });

  it('a request refused before GraphQL runs is no-store too', async () => {
    const reply = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });
});
