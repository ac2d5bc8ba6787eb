import { afterEach, describe, expect, it } from 'vitest';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { citizenToken } from '../../support/tokens.js';
import { citizensInAllSystems } from '../../support/world.js';

type Status = { dossier: { reference: string; status: string; ministryStatus: string; stale: boolean; asOf: string | null } | null };
const query = `query($r: ID!) { dossier(reference: $r) { reference status ministryStatus stale asOf } }`;

/** `DOSSIER_FRESHNESS_MAX_AGE_MS`'s default, the stack's: how long a record the change feed proved unchanged may be served. */
const FRESHNESS_MAX_AGE_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** While a ministry is unreachable, a status read answers with the last value seen, marked stale with its date. */
describe('last known status', () => {
  afterEach(async () => {
    await Promise.all((['ceet', 'urbanisme', 'rnec'] as const).map((s) => legacyAdmin.reset(s)));
    await new Promise((resolve) => setTimeout(resolve, 400));
  });

  it.each([
    ['ceet', (c: ReturnType<typeof citizensInAllSystems>[number]) => c.ceet[0]!],
    ['urbanisme', (c: ReturnType<typeof citizensInAllSystems>[number]) => c.urb[0]!],
    ['rnec', (c: ReturnType<typeof citizensInAllSystems>[number]) => c.rnec[0]!],
  ] as const)('%s down: the last status read comes back stale, with asOf', async (system, pick) => {
    const citizen = citizensInAllSystems()[5]!;
    const reference = pick(citizen);
    const token = await citizenToken(citizen.niu);
    const dashboardQuery = `query($niu: ID!) { citizen(niu: $niu) { dossiers(first: 5) { incomplete staleSystems } } }`;
    type Dashboard = { citizen: { dossiers: { incomplete: boolean; staleSystems: string[] } } };
    expect((await gql<Dashboard>(dashboardQuery, { niu: citizen.niu }, { token })).data?.citizen.dossiers.staleSystems).toEqual([]);
    const fresh = await gql<Status>(query, { r: reference }, { token });
    expect(fresh.errors).toBeUndefined();
    // Read from the legacy system (asOf null), or a record the change feed proves unchanged at asOf, at most the
    // freshness bound ago (subgraphs/shared/freshness): the dashboard's page read it just before.
    const freshAsOf = fresh.data!.dossier!.asOf;
    expect(fresh.data!.dossier).toMatchObject({ reference, stale: false });
    if (freshAsOf !== null) expect(Date.now() - Date.parse(freshAsOf)).toBeLessThanOrEqual(FRESHNESS_MAX_AGE_MS + 1_000);

    await legacyAdmin.setFaults(system, { down: true });
    // With the system down its feed is not read either: past the bound, nothing is proven and the last-known value answers.
    await sleep(FRESHNESS_MAX_AGE_MS + 200);
    const before = Date.now();
    const stale = await gql<Status>(query, { r: reference }, { token });
    expect(stale.errors).toBeUndefined();
    expect(stale.data!.dossier).toMatchObject({ reference, status: fresh.data!.dossier!.status, ministryStatus: fresh.data!.dossier!.ministryStatus, stale: true });
    expect(Date.parse(stale.data!.dossier!.asOf!)).toBeLessThanOrEqual(before);

    // A citizen's list is remembered too: the dashboard stays complete and says which system it is stale for.
    const dashboard = await gql<Dashboard>(dashboardQuery, { niu: citizen.niu }, { token });
    expect(dashboard.data?.citizen.dossiers, JSON.stringify(dashboard)).toEqual({ incomplete: false, staleSystems: [system] });
  });
});
