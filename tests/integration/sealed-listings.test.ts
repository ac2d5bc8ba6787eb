import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { Principal } from '../../auth/index.js';
import { DEADLINE_HEADER } from '../../lib/deadline/index.js';
import { connectedMinistriesInCatalogueOrder, type LegacySystem } from '../../schema/index.js';
import { gql } from '../support/graphql-client.js';
import { legacyCounters } from '../support/legacy-counters.js';
import { sample } from '../support/prometheus.js';
import { citizenToken, internalTokenFor } from '../support/tokens.js';
import { citizenInAllSystems, dossiersByCitizen, type CitizenDossiers } from '../support/world.js';

/**
 * Issue 16, target 1: a dashboard reads each legacy system once. Each ministry's list seals its newest records into
 * the hidden `sealedListing`, `dossiers` hands them back as the page's `lookup` keys, and the owners open them in the
 * page's entity fetch instead of reading their system again — for the same caller, within the same trace, before
 * the request's deadline, unaltered; anything else is read from the system as before, with the same answer.
 */

const sum = (calls: Readonly<Record<string, number>>) => Object.values(calls).reduce((a, b) => a + b, 0);

/** The calls each system took between two snapshots, change feeds apart. */
async function callsDuring(run: () => Promise<void>): Promise<Record<LegacySystem, Record<string, number>>> {
  const before = await legacyCounters();
  await run();
  const after = await legacyCounters();
  const diff = (system: LegacySystem) => {
    const out: Record<string, number> = {};
    for (const [operation, n] of Object.entries(after[system])) if (n - (before[system][operation] ?? 0) > 0) out[operation] = n - (before[system][operation] ?? 0);
    return out;
  };
  return Object.fromEntries(connectedMinistriesInCatalogueOrder.map((m) => [m.system.code, diff(m.system.code)])) as Record<LegacySystem, Record<string, number>>;
}

const dashboard = `query CitizenDashboard($niu: ID!) {
  citizen(niu: $niu) {
    niu firstName lastName birthDate
    civilActs { number kind date }
    dossiers(first: 20) {
      totalCount
      nodes {
        reference status ministryStatus submittedAt updatedAt nextAction
        procedure { code title ministry feeFcfa legalDelayDays }
        history { status at }
        ... on ElectricityConnectionRequest { meterType quoteAmountFcfa }
        ... on BuildingPermitApplication { landTitle architect }
        ... on CivilActCopyRequest { actNumber copies }
      }
    }
  }
}`;

const nodeFields = `reference status ministryStatus submittedAt updatedAt nextAction
  procedure { code title ministry feeFcfa legalDelayDays }
  history { status at }
  ... on ElectricityConnectionRequest { meterType quoteAmountFcfa }
  ... on BuildingPermitApplication { landTitle architect }
  ... on CivilActCopyRequest { actNumber copies }`;

/** Per system, its citizen-list operation and its by-reference reads (the simulators' operation names). */
const listOperation: Partial<Record<LegacySystem, string>> = { rnec: 'ListerDemandes', ceet: 'listerDemandes', urbanisme: 'listerDossiers', mines: 'listerDossiers' };

describe('sealed listings: one legacy round on a dashboard', () => {
  it('a dashboard calls each system’s list once and reads no record of the page by reference, with the same answers', async () => {
    const citizen = citizenInAllSystems();
    const token = await citizenToken(citizen.niu);
    // Once first, so that what a process does once (RNEC's client reads its WSDL) is not counted against a dashboard.
    expect((await gql(dashboard, { niu: citizen.niu }, { token })).errors).toBeUndefined();
    let answer: Awaited<ReturnType<typeof gql<{ citizen: { dossiers: { totalCount: number; nodes: Record<string, unknown>[] } } }>>> | undefined;
    const calls = await callsDuring(async () => {
      answer = await gql(dashboard, { niu: citizen.niu }, { token });
    });
    expect(answer?.errors).toBeUndefined();
    const page = answer!.data!.citizen.dossiers;
    expect(page.totalCount).toBe(citizen.ceet.length + citizen.urb.length + citizen.rnec.length);
    expect(page.nodes).toHaveLength(page.totalCount);
    for (const [system, operation] of Object.entries(listOperation) as [LegacySystem, string][]) {
      // The identity (ConsulterPersonnes) and acts (ListerActes) are RNEC's other two reads, in the same round.
      const expected = system === 'rnec' ? { ConsulterPersonnes: 1, ListerActes: 1, ListerDemandes: 1 } : { [operation]: 1 };
      expect({ system, calls: calls[system] }).toEqual({ system, calls: expected });
    }
    // The same records, read by reference from each system (no seal on this path): the page served from the seals agrees.
    const byReference = await gql<Record<string, Record<string, unknown>>>(
      `query { ${page.nodes.map((n, i) => `d${i}: dossier(reference: "${String(n.reference)}") { ${nodeFields} }`).join(' ')} }`,
      {},
      { token },
    );
    expect(byReference.errors).toBeUndefined();
    expect(page.nodes).toEqual(page.nodes.map((_, i) => byReference.data![`d${i}`]));
  });

  it('a later page, its records among the newest 20 of each list, is served from the seals too', async () => {
    const citizen = citizenInAllSystems();
    const token = await citizenToken(citizen.niu);
    const first = await gql<{ citizen: { dossiers: { nodes: { reference: string }[]; pageInfo: { endCursor: string } } } }>(
      `query($niu: ID!) { citizen(niu: $niu) { dossiers(first: 1) { nodes { reference } pageInfo { endCursor } } } }`,
      { niu: citizen.niu },
      { token },
    );
    expect(first.errors).toBeUndefined();
    // Every record is within its list's sealed newest, so a later page is served from the seals too: no by-reference read.
    const calls = await callsDuring(async () => {
      const rest = await gql(
        `query($niu: ID!, $after: String) { citizen(niu: $niu) { dossiers(first: 19, after: $after) { nodes { reference status } } } }`,
        { niu: citizen.niu, after: first.data!.citizen.dossiers.pageInfo.endCursor },
        { token },
      );
      expect(rest.errors).toBeUndefined();
    });
    expect(calls.ceet).toEqual({ listerDemandes: 1 });
    expect(calls.urbanisme).toEqual({ listerDossiers: 1 });
    expect(calls.rnec).toEqual({ ListerDemandes: 1 });
  });
});

/** One ministry of the registry, with a citizen who has dossiers there: the matrix's rows. */
interface Row {
  readonly name: string;
  readonly system: LegacySystem;
  readonly typeName: string;
  readonly listField: string;
  readonly citizen: CitizenDossiers;
  readonly agent: Principal;
}

const rows: Row[] = connectedMinistriesInCatalogueOrder.map((m) => {
  const key = m.system.referencePrefix.toLowerCase() as 'ceet' | 'urb' | 'rnec' | 'mem';
  const citizen = [...dossiersByCitizen().values()].find((c) => c[key].length > 0 && c[key].length <= 20);
  if (!citizen) throw new Error(`the test world has no citizen with ${m.system.code} dossiers`);
  return {
    name: m.subgraph.name,
    system: m.system.code,
    typeName: m.subgraph.dossierType,
    listField: m.subgraph.citizenListField,
    citizen,
    agent: { subject: `agent-${m.code}`, role: 'agent', ministry: m.code, scopes: ['agent', `agent:${m.code}`], clientId: 'console-agents' },
  };
});

const citizenOf = (niu: string): Principal => ({ subject: `citizen-${niu}`, role: 'citizen', niu, scopes: ['citizen'], clientId: 'portail-web' });
const newTrace = () => randomBytes(16).toString('hex');

interface Reply<D> {
  readonly data?: D | null;
  readonly errors?: readonly { extensions?: Record<string, unknown> }[];
  readonly extensions?: { readonly guichetAccess?: readonly { niu: string; system: string; action: string }[] };
}

/** One call straight to a ministry subgraph, as the gateway makes it: internal token, the trace, the time left. */
async function postToSubgraph<D>(row: Row, principal: Principal, traceId: string, query: string, variables: Record<string, unknown>, deadlineMs?: number): Promise<Reply<D>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-guichet-internal-token': await internalTokenFor(principal),
    traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
  };
  if (deadlineMs !== undefined) headers[DEADLINE_HEADER] = String(deadlineMs);
  const response = await fetch(inject('serviceUrls')[row.name]!, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as Reply<D>;
}

/** The citizen's list as `dossiers` requires it: each record's reference and seal, within trace `traceId`. */
async function sealedList(row: Row, traceId: string, deadlineMs?: number): Promise<{ reference: string; sealedListing: string | null }[]> {
  const reply = await postToSubgraph<{ _entities: Record<string, { reference: string; sealedListing: string | null }[]>[] }>(
    row,
    citizenOf(row.citizen.niu),
    traceId,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { ${row.listField} { reference sealedListing } } } }`,
    { r: [{ __typename: 'Citizen', niu: row.citizen.niu }] },
    deadlineMs,
  );
  expect(reply.errors).toBeUndefined();
  return reply.data!._entities[0]![row.listField]!;
}

/** The page's entity fetch by `lookup`, as the gateway makes it after `dossiers`. */
function entitiesByLookup(row: Row, principal: Principal, traceId: string, lookups: readonly string[]) {
  return postToSubgraph<{ _entities: ({ reference: string; status: string; updatedAt: string; history: unknown[] } | null)[] }>(
    row,
    principal,
    traceId,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${row.typeName} { reference status updatedAt history { status at } } } }`,
    { r: lookups.map((lookup) => ({ __typename: row.typeName, lookup })) },
  );
}

const tamper = (sealed: string) => {
  // One character inside the box changed (not the last: its low bits may be padding the decoder ignores): GCM refuses it.
  const at = sealed.length - 10;
  return `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
};

type Case = 'same caller and trace' | 'another caller' | 'another trace' | 'tampered' | 'expired' | 'a plain reference';
/** Each case, whether its seals open, and the outcome the subgraph counts for it. */
const cases: readonly { readonly name: Case; readonly opens: boolean; readonly outcome: string }[] = [
  { name: 'same caller and trace', opens: true, outcome: 'opened' },
  { name: 'another caller', opens: false, outcome: 'caller' },
  { name: 'another trace', opens: false, outcome: 'trace' },
  { name: 'tampered', opens: false, outcome: 'tampered' },
  { name: 'expired', opens: false, outcome: 'expired' },
  { name: 'a plain reference', opens: false, outcome: 'plain' },
];

/** A subgraph's counters: the seal's outcomes, and reads by reference (from the legacy system, or proven by the feed). */
async function subgraphCounts(row: Row, outcome: string): Promise<{ outcome: number; byReference: number }> {
  const text = await (await fetch(new URL('/metrics', inject('serviceUrls')[row.name]!))).text();
  const reads = (source: string) => sample(text, 'guichet_dossier_freshness_reads_total', { system: row.system, source });
  return { outcome: sample(text, 'guichet_dossier_listing_seal_lookups_total', { system: row.system, outcome }), byReference: reads('legacy') + reads('proven') };
}

describe.each(rows)('sealed listings of $name ($system)', (row) => {
  it('the list seals its records (reference in clear) and a by-reference read seals none', async () => {
    const list = await sealedList(row, newTrace());
    expect(list.length).toBeGreaterThan(0);
    for (const item of list) expect(item.sealedListing?.startsWith(`${item.reference}~`)).toBe(true);
  });

  it.each(cases)('$name: opens = $opens ($outcome), and the answer is the same either way', async ({ name, opens, outcome }) => {
    const trace = newTrace();
    const list = await sealedList(row, trace, name === 'expired' ? 400 : undefined);
    const lookups = list.map((item) => {
      const sealed = item.sealedListing!;
      if (name === 'tampered') return tamper(sealed);
      if (name === 'a plain reference') return item.reference;
      return sealed;
    });
    if (name === 'expired') await new Promise((resolve) => setTimeout(resolve, 600));
    // The agent of the ministry may read the citizen's dossiers too: the refusal is the seal's, not the rule's.
    const principal = name === 'another caller' ? row.agent : citizenOf(row.citizen.niu);
    let reply: Reply<{ _entities: ({ reference: string } | null)[] }> | undefined;
    const countsBefore = await subgraphCounts(row, outcome);
    const calls = await callsDuring(async () => {
      reply = await entitiesByLookup(row, principal, name === 'another trace' ? newTrace() : trace, lookups);
    });
    expect(reply?.errors).toBeUndefined();
    expect(reply!.data!._entities.map((e) => e?.reference)).toEqual(list.map((item) => item.reference));
    const countsAfter = await subgraphCounts(row, outcome);
    // Every lookup counted under the case's outcome; a refused one read by reference (from the system, or proven
    // unchanged by the change feed: subgraphs/shared/freshness), an opened one read from nowhere.
    expect(countsAfter.outcome - countsBefore.outcome).toBe(lookups.length);
    expect({ opens, byReference: countsAfter.byReference - countsBefore.byReference }).toEqual({ opens, byReference: opens ? 0 : lookups.length });
    if (opens) expect(sum(calls[row.system])).toBe(0);
    // Whatever the path, the read is on the audit trail: the subgraph reports the citizen whose records it served.
    expect(reply!.extensions?.guichetAccess).toContainEqual({ niu: row.citizen.niu, system: row.system, action: 'read' });
    // And the record served from the seal is the one the system holds (it did not change in between).
    const fresh = await entitiesByLookup(
      row,
      principal,
      newTrace(),
      list.map((item) => item.reference),
    );
    expect(reply!.data!._entities).toEqual(fresh.data!._entities);
  });

  it('a seal does not open for another citizen, who gets NOT_FOUND as by reference', async () => {
    const trace = newTrace();
    const list = await sealedList(row, trace);
    const other = [...dossiersByCitizen().values()].find((c) => c.niu !== row.citizen.niu)!;
    const reply = await entitiesByLookup(row, citizenOf(other.niu), trace, [list[0]!.sealedListing!]);
    expect(reply.data?._entities).toEqual([null]);
    expect(reply.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
