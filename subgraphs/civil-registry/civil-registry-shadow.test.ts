import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewritingProxy, startHostileServer, type HostileServer } from '../../adapters/shared/testing/hostile-server.js';
import { titleCase } from '../../adapters/shared/index.js';
import { citizenPrincipal, postAs } from '../shared/testing/index.js';
import { startTestCivilRegistry, type TestCivilRegistry } from './testing/start-test-civil-registry.js';

/**
 * RNEC_MODE=shadow with a deliberate difference: v2's answers pass through a proxy that alters every `nom`. The
 * citizen still gets SOAP's answer; the difference is counted in /metrics by field path, never by value.
 */
let stack: TestCivilRegistry;
let proxy: HostileServer;
let url: string;

beforeAll(async () => {
  stack = await startTestCivilRegistry(41);
  proxy = await startHostileServer(rewritingProxy(stack.rnec.baseUrl, (body) => body.replace(/"nom":"([^"]*)"/g, '"nom":"$1-BIS"')));
  url = await stack.startSubgraph({ RNEC_MODE: 'shadow', RNEC_V2_URL: `${proxy.url}/v2`, IDENTITY_CACHE_TTL_MS: '0' });
});
afterAll(async () => {
  await stack?.close();
  await proxy?.close();
});

const identity = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { niu lastName civilActs { number } } } }`;
type Identity = { _entities: { niu: string; lastName: string | null; civilActs: { number: string }[] | null }[] };

async function metrics(): Promise<string> {
  return (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
}

describe('civil registry in shadow mode', () => {
  it('answers from SOAP and counts the field that differs in v2, without its value', async () => {
    const person = stack.world.persons.find((p) => p.deathDate === null)!;
    const reply = await postAs<Identity>(url, citizenPrincipal(person.niu), identity, { r: [{ __typename: 'Citizen', niu: person.niu }] });
    expect(reply.errors).toBeUndefined();
    expect(reply.data?._entities[0]?.lastName).toBe(titleCase(person.lastName));
    let text = '';
    for (let i = 0; i < 50 && !text.includes('result="mismatch"'); i += 1) {
      await sleep(20);
      text = await metrics();
    }
    expect(text).toMatch(/guichet_legacy_shadow_comparisons_total\{[^}]*operation="getCitizens",result="mismatch"[^}]*\} 1/);
    expect(text).toMatch(/guichet_legacy_shadow_differences_total\{[^}]*operation="getCitizens",field="\{\}\.lastName"[^}]*\} 1/);
    // The acts were not altered: they matched.
    expect(text).toMatch(/guichet_legacy_shadow_comparisons_total\{[^}]*operation="listActs",result="match"[^}]*\} 1/);
    expect(text).not.toContain(person.lastName.toUpperCase());
    expect(text).not.toContain(person.niu);
    // The v2 calls really went through the proxy, beside SOAP's.
    expect(proxy.received.some((line) => line.startsWith('GET /v2/personnes?niu='))).toBe(true);
    expect(await stack.rnecCalls()).toMatchObject({ ConsulterPersonnes: 1, 'v2.consulterPersonnes': 1 });
  });
});
