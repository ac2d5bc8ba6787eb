import { describe, expect, it } from 'vitest';
import { errorCodes, gql } from '../../support/graphql-client.js';
import { legacyCounters } from '../../support/legacy-counters.js';
import { expectNoLeak } from '../../support/leaks.js';
import { citizenToken } from '../../support/tokens.js';
import { citizenInAllSystems } from '../../support/world.js';

/** Depth, alias, cost, token and directive bombs: OPERATION_TOO_COMPLEX before any subgraph or legacy call. */
const citizen = citizenInAllSystems();

const nest = (levels: number, leaf: string): string => (levels === 0 ? leaf : `electricityRequests { applicant { ${nest(levels - 1, leaf)} } }`);
const dashboard = `dossiers(first: 20) { totalCount nodes { reference status ministryStatus submittedAt updatedAt nextAction procedure { code title ministry feeFcfa legalDelayDays } history { status at } } }`;

const bombs: readonly [string, string, RegExp][] = [
  ['depth bomb', `query($niu: ID!) { citizen(niu: $niu) { ${nest(6, 'niu firstName')} } }`, /nested too deeply/],
  ['alias bomb', `query($niu: ID!) { ${Array.from({ length: 16 }, (_, i) => `a${i}: citizen(niu: $niu) { niu firstName }`).join(' ')} }`, /alias/],
  ['cost bomb: one page of 100 with every field', `query($niu: ID!) { citizen(niu: $niu) { ${dashboard.replace('first: 20', 'first: 100')} } }`, /estimated cost too high/],
  [
    'cost bomb: aliased dashboards',
    `query($niu: ID!) { ${Array.from({ length: 8 }, (_, i) => `d${i}: citizen(niu: $niu) { firstName lastName civilActs { number kind date } ${dashboard} }`).join(' ')} }`,
    /estimated cost too high/,
  ],
  ['token bomb', `query($niu: ID!) { citizen(niu: $niu) { ${'niu '.repeat(2_100)} firstName } }`, /document too long/],
  ['directive bomb', `query($niu: ID!) { citizen(niu: $niu) { ${'niu @include(if: true) '.repeat(25)} firstName } }`, /directives/],
];

describe('operation limits', () => {
  it.each(bombs)('%s → OPERATION_TOO_COMPLEX, HTTP 400, no legacy call', async (_name, query, reason) => {
    const before = await legacyCounters();
    const response = await gql(query, { niu: citizen.niu }, { token: await citizenToken(citizen.niu) });
    expect(response.status).toBe(400);
    expect(response.data ?? null).toBeNull();
    expect(errorCodes(response)).toEqual(['OPERATION_TOO_COMPLEX']);
    expect(response.errors![0]!.message).toMatch(reason);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    expectNoLeak(response, { nius: [citizen.niu] });
    expect(await legacyCounters()).toEqual(before);
  });

  it('control: the real dashboard, just under every limit, runs', async () => {
    const response = await gql(`query($niu: ID!) { citizen(niu: $niu) { firstName ${nest(1, 'niu')} ${dashboard} } }`, { niu: citizen.niu }, { token: await citizenToken(citizen.niu) });
    expect(response.errors).toBeUndefined();
  });

  it('a page larger than the maximum page size is BAD_USER_INPUT', async () => {
    const response = await gql(`query($niu: ID!) { citizen(niu: $niu) { dossiers(first: 101) { totalCount } } }`, { niu: citizen.niu }, { token: await citizenToken(citizen.niu) });
    expect(errorCodes(response)).toContain('BAD_USER_INPUT');
  });
});
