import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentPrincipal, citizenPrincipal, postAs } from '../shared/testing/index.js';
import { startTestCivilRegistry, type TestCivilRegistry } from './testing/start-test-civil-registry.js';

let stack: TestCivilRegistry;
let url: string;
beforeAll(async () => {
  stack = await startTestCivilRegistry(32);
  url = await stack.startSubgraph();
});
afterAll(() => stack?.close());
beforeEach(() => stack.resetRnec());

const adults = () => stack.world.persons.filter((p) => p.birthDate < '2000-01-01' && p.deathDate === null).map((p) => p.niu);
const identity = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { niu lastName civilActs { number } } } }`;
const citizenRef = (niu: string) => ({ __typename: 'Citizen', niu });
type Identity = { _entities: { niu: string; lastName: string | null; civilActs: { number: string }[] | null }[] };

describe('civil-registry identity cache, over HTTP', () => {
  it('asks RNEC once for a person and their acts within the TTL', async () => {
    const niu = adults()[0]!;
    const first = await postAs<Identity>(url, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] });
    const again = await postAs<Identity>(url, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] });
    expect(first.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(await stack.rnecCalls()).toMatchObject({ ConsulterPersonnes: 1, ListerActes: 1 });
  });

  it('keeps raw records: each caller’s rules still apply to what the cache holds', async () => {
    const [niu, other] = adults().slice(1, 3) as [string, string];
    const own = await postAs<Identity>(url, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] });
    expect(own.data?._entities[0]?.lastName).toEqual(expect.any(String));
    // Another citizen asking for the cached person: NOT_FOUND, as if never read.
    const foreign = await postAs<Identity>(url, citizenPrincipal(other), identity, { r: [citizenRef(niu)] });
    expect(foreign.errors?.map((e) => e.extensions?.code)).toContain('NOT_FOUND');
    expect(foreign.data?._entities[0]?.lastName).toBeNull();
    // An agent may see the name (an applicant's), not the acts (citizens and integrators only).
    const agent = await postAs<Identity>(url, agentPrincipal('CIVIL_REGISTRY'), identity, { r: [citizenRef(niu)] });
    expect(agent.data?._entities[0]?.lastName).toBe(own.data?._entities[0]?.lastName);
    expect(agent.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(await stack.rnecCalls()).toMatchObject({ ConsulterPersonnes: 1, ListerActes: 1 });
  });

  it('does not keep a failure: the next request asks RNEC again', async () => {
    const niu = adults()[3]!;
    const isolated = await stack.startSubgraph({ RNEC_RETRY_MAX_ATTEMPTS: '1', RNEC_BREAKER_THRESHOLD: '0' });
    await stack.setRnecFaults({ errorRate: 1 });
    const failed = await postAs<Identity>(isolated, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] });
    expect(failed.data?._entities[0]?.lastName).toBeNull();
    await stack.resetRnec();
    const recovered = await postAs<Identity>(isolated, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] });
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data?._entities[0]?.lastName).toEqual(expect.any(String));
    expect(await stack.rnecCalls()).toMatchObject({ ConsulterPersonnes: 1, ListerActes: 1 });
  });

  it('is off at IDENTITY_CACHE_TTL_MS=0', async () => {
    const niu = adults()[4]!;
    const uncached = await stack.startSubgraph({ IDENTITY_CACHE_TTL_MS: '0' });
    await postAs(uncached, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] });
    await postAs(uncached, citizenPrincipal(niu), identity, { r: [citizenRef(niu)] });
    expect(await stack.rnecCalls()).toMatchObject({ ConsulterPersonnes: 2, ListerActes: 2 });
  });
});
