import { describe, expect, inject, it } from 'vitest';
import { createFileAuditStore } from '../../audit/index.js';
import { gql } from '../support/graphql-client.js';
import { legacyAdmin } from '../support/legacy-admin.js';
import { citizenToken } from '../support/tokens.js';
import { citizensInAllSystems } from '../support/world.js';

/** Reads shared between client requests at the gateway, driven by the subgraphs' cache hints, through the real stack. */
describe('shared reads and the response cache', () => {
  it('serves a citizen’s identity again from the gateway’s cache, and still audits the access', async () => {
    const citizen = citizensInAllSystems()[41]!;
    const token = await citizenToken(citizen.niu);
    const query = 'query($niu: ID!) { citizen(niu: $niu) { niu firstName lastName civilActs { number kind } } }';
    const audit = createFileAuditStore({ path: inject('auditLogPath') });
    const before = (await audit.listForNiu(citizen.niu, { limit: 1000 })).length;
    const first = await gql<{ citizen: { firstName: string } }>(query, { niu: citizen.niu }, { token });
    expect(first.errors).toBeUndefined();
    await legacyAdmin.resetCalls('rnec');
    // Sequential requests on one kept-alive connection land on the same gateway worker, whose cache is warm.
    const second = await gql<{ citizen: { firstName: string } }>(query, { niu: citizen.niu }, { token });
    expect(second.data).toEqual(first.data);
    const calls = await legacyAdmin.calls('rnec');
    expect(calls.ConsulterPersonnes ?? 0).toBe(0);
    expect(calls.ListerActes ?? 0).toBe(0);
    // Both answers carried the citizen's personal data: both are on the trail.
    const after = (await audit.listForNiu(citizen.niu, { limit: 1000 })).length;
    expect(after - before).toBe(2);
    await audit.close();
  });

  it('keeps one caller’s cached identity from another caller', async () => {
    const [owner, other] = citizensInAllSystems().slice(43, 45);
    const query = 'query($niu: ID!) { citizen(niu: $niu) { niu firstName } }';
    const mine = await gql<{ citizen: { niu: string } | null }>(query, { niu: owner!.niu }, { token: await citizenToken(owner!.niu) });
    expect(mine.data?.citizen?.niu).toBe(owner!.niu);
    const theirs = await gql<{ citizen: { niu: string } | null }>(query, { niu: owner!.niu }, { token: await citizenToken(other!.niu) });
    expect(theirs.data?.citizen ?? null).toBeNull();
  });

  it('answers the public catalogue from the response cache, with its age', async () => {
    const url = inject('gatewayUrl');
    const ask = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ procedures { code title feeFcfa } }' }) });
    const first = await ask();
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    const ages: (string | null)[] = [];
    for (let i = 0; i < 4; i += 1) {
      const again = await ask();
      expect(await again.json()).toEqual(firstBody);
      ages.push(again.headers.get('age'));
    }
    expect(ages.some((age) => age !== null && /^\d+$/.test(age))).toBe(true);
  });

  it('never answers a private response from the public response cache, nor to another caller', async () => {
    const [citizen, other] = citizensInAllSystems().slice(46, 48);
    if (!citizen || !other) throw new Error('the test world has fewer than 48 citizens in every system');
    const ask = async (niu: string) =>
      fetch(inject('gatewayUrl'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await citizenToken(niu)}` },
        body: JSON.stringify({ query: 'query($niu: ID!) { citizen(niu: $niu) { niu firstName } }', variables: { niu: citizen.niu } }),
      });
    // The caller's own answer may come back whole from the private response cache (with its Age), never as public.
    for (let i = 0; i < 3; i += 1) {
      const response = await ask(citizen.niu);
      expect(response.headers.get('cache-control')).not.toMatch(/public/);
      expect(((await response.json()) as { data: { citizen: { niu: string } } }).data.citizen.niu).toBe(citizen.niu);
    }
    // Whatever was kept for them, another citizen asking for them gets nothing of it.
    const theirs = (await (await ask(other.niu)).json()) as { data?: { citizen: unknown } | null };
    expect(theirs.data?.citizen ?? null).toBeNull();
  });
});
