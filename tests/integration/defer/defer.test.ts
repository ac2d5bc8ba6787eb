import { Client, fetchExchange } from '@urql/core';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createFileAuditStore } from '../../../audit/index.js';
import { gql } from '../../support/graphql-client.js';
import { legacyAdmin } from '../../support/legacy-admin.js';
import { citizenToken } from '../../support/tokens.js';
import { citizensInAllSystems } from '../../support/world.js';
import { deferAlpha9, defer2022, mergePayloads, postIncremental, type Json } from './read-incremental.js';

const identity = 'niu firstName lastName birthDate';
const civilActs = 'civilActs { number kind date commune }';
const dossiers = `dossiers(first: 20) { totalCount incomplete unavailableSystems
  nodes { reference status ministryStatus submittedAt updatedAt nextAction procedure { code title ministryName feeFcfa legalDelayDays }
    ... on ElectricityConnectionRequest { meterType quoteAmountFcfa } ... on BuildingPermitApplication { landTitle architect missingDocuments } ... on CivilActCopyRequest { actNumber copies } }
  pageInfo { hasNextPage endCursor } }`;

/** An operation and where its `@defer` fragments sit; `plain` is the same selection without them. */
interface Case {
  readonly name: string;
  readonly deferred: string;
  readonly plain: string;
  /** Deferred fragments split off as parts (the others run inline). */
  readonly parts: number;
}

const wrap = (root: string, body: string, fragments = '') => (root === 'me' ? `query Dash { me { ${body} } }${fragments}` : `query Dash($niu: ID!) { citizen(niu: $niu) { ${body} } }${fragments}`);

/** A generated matrix: every top-level group of the dashboard deferred alone, together, apart, nested, through a named fragment, at the root, and under a list. */
function cases(): Case[] {
  const groups = { identity: 'firstName lastName birthDate', civilActs, dossiers } as const;
  const out: Case[] = [];
  for (const root of ['me', 'citizen'] as const) {
    const all = `niu ${identity} ${civilActs} ${dossiers}`;
    for (const [name, group] of Object.entries(groups)) {
      const rest = Object.entries(groups)
        .filter(([other]) => other !== name)
        .map(([, g]) => g)
        .join(' ');
      out.push({ name: `${root}: ${name} deferred`, deferred: wrap(root, `niu ${rest} ... @defer(label: "${name}") { ${group} }`), plain: wrap(root, all), parts: 1 });
    }
    out.push({
      name: `${root}: civil acts and dossiers in one part`,
      deferred: wrap(root, `${identity} ... @defer { ${civilActs} ${dossiers} }`),
      plain: wrap(root, `${identity} ${civilActs} ${dossiers}`),
      parts: 1,
    });
    out.push({
      name: `${root}: civil acts and dossiers apart`,
      deferred: wrap(root, `${identity} ... @defer(label: "acts") { ${civilActs} } ... @defer(label: "dossiers") { ${dossiers} }`),
      plain: wrap(root, `${identity} ${civilActs} ${dossiers}`),
      parts: 2,
    });
    out.push({
      name: `${root}: everything deferred`,
      deferred: wrap(root, `... @defer { ${identity} ${civilActs} ${dossiers} }`),
      plain: wrap(root, `${identity} ${civilActs} ${dossiers}`),
      parts: 1,
    });
    out.push({
      name: `${root}: nested`,
      deferred: wrap(root, `${identity} ... @defer(label: "outer") { ${civilActs} dossiers(first: 20) { totalCount ... @defer(label: "inner") { nodes { reference status } } } }`),
      plain: wrap(root, `${identity} ${civilActs} dossiers(first: 20) { totalCount nodes { reference status } }`),
      parts: 2,
    });
    // Small: graphql-armor's cost limit weighs a named fragment's fields by their depth again.
    const rest = `${civilActs} dossiers(first: 20) { totalCount nodes { reference status } }`;
    out.push({
      name: `${root}: named fragment spread`,
      deferred: wrap(root, `${identity} ...Rest @defer(label: "rest")`, ` fragment Rest on Citizen { ${rest} }`),
      plain: wrap(root, `${identity} ${rest}`),
      parts: 1,
    });
    out.push({
      name: `${root}: overlapping selections`,
      deferred: wrap(root, `${identity} dossiers(first: 20) { totalCount } ... @defer { dossiers(first: 20) { totalCount nodes { reference } } }`),
      plain: wrap(root, `${identity} dossiers(first: 20) { totalCount nodes { reference } }`),
      parts: 1,
    });
    out.push({
      name: `${root}: under a list, inline`,
      deferred: wrap(root, `${identity} dossiers(first: 20) { nodes { reference ... @defer { status updatedAt } } }`),
      plain: wrap(root, `${identity} dossiers(first: 20) { nodes { reference status updatedAt } }`),
      parts: 0,
    });
  }
  out.push({
    name: 'root-level fragment beside the identity',
    deferred: `query Dash($niu: ID!) { me { ${identity} } ... @defer(label: "catalogue") { procedures { code title } citizen(niu: $niu) { ${civilActs} } } }`,
    plain: `query Dash($niu: ID!) { me { ${identity} } procedures { code title } citizen(niu: $niu) { ${civilActs} } }`,
    parts: 1,
  });
  out.push({ name: '@defer(if: false): one answer', deferred: wrap('me', `${identity} ... @defer(if: false) { ${civilActs} }`), plain: wrap('me', `${identity} ${civilActs}`), parts: 0 });
  return out;
}

describe('@defer on the gateway', () => {
  const citizen = citizensInAllSystems()[7]!;

  afterEach(async () => {
    await legacyAdmin.reset('rnec');
  });

  describe.each([
    ['deferSpec=20220824', defer2022],
    ['incrementalSpec=v0.2', deferAlpha9],
  ])('%s', (format, accept) => {
    it.each(cases().map((c) => [c.name, c] as const))('%s: the parts merge into the plain answer', async (_name, c) => {
      const token = await citizenToken(citizen.niu);
      const plain = await gql(c.plain, { niu: citizen.niu }, { token });
      expect(plain.errors).toBeUndefined();
      const answer = await postIncremental(c.deferred, { niu: citizen.niu }, { token, accept });
      expect(answer.status, JSON.stringify(answer.payloads)).toBe(200);
      if (c.parts === 0) {
        // Nothing to split off safely: one answer, the whole of it.
        expect(answer.contentType).toMatch(/^application\/(graphql-response\+)?json/);
        expect(answer.payloads[0]).toEqual({ data: plain.data });
        return;
      }
      expect(answer.contentType).toBe(`multipart/mixed; boundary="-"; ${format}`);
      expect(answer.payloads.length).toBeGreaterThanOrEqual(2);
      expect(answer.payloads[0]!.hasNext).toBe(true);
      expect(answer.payloads.at(-1)!.hasNext).toBe(false);
      expect(answer.payloads.slice(0, -1).every((p) => p.hasNext === true)).toBe(true);
      const parts = answer.payloads.slice(1).flatMap((p) => (p.incremental as Json[] | undefined) ?? []);
      expect(parts).toHaveLength(c.parts);
      const merged = mergePayloads(answer.payloads);
      expect(merged.errors).toEqual([]);
      expect(merged.data).toEqual(plain.data);
    });
  });

  it('sends the identity first and the dossiers after, labelled at their path', async () => {
    const token = await citizenToken(citizen.niu);
    const query = `query MyDashboard { me { ${identity} ... @defer(label: "dossiers") { ${dossiers} } } }`;
    const answer = await postIncremental(query, {}, { token });
    const [first, second] = answer.payloads;
    expect(first).toEqual({ data: { me: { niu: citizen.niu, firstName: expect.any(String), lastName: expect.any(String), birthDate: expect.any(String) } }, hasNext: true });
    expect(second).toMatchObject({
      incremental: [{ path: ['me'], label: 'dossiers', data: { dossiers: { totalCount: citizen.ceet.length + citizen.urb.length + citizen.rnec.length } } }],
      hasNext: false,
    });
    expect(answer.payloads).toHaveLength(2);
  });

  it('delivers an error inside a deferred part with its path and code, the rest of the answer intact', async () => {
    const token = await citizenToken(citizen.niu);
    await legacyAdmin.setFaults('rnec', { down: true, operations: ['ListerActes'] });
    const query = `query { me { niu ... @defer(label: "acts") { civilActs { number } } } }`;
    const answer = await postIncremental(query, {}, { token });
    expect(answer.payloads[0]).toEqual({ data: { me: { niu: citizen.niu } }, hasNext: true });
    const entry = (answer.payloads[1]!.incremental as Json[])[0]!;
    expect(entry.path).toEqual(['me']);
    expect(entry.label).toBe('acts');
    const errors = entry.errors as { path: unknown[]; extensions: { code: string } }[];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.path.slice(0, 2)).toEqual(['me', 'civilActs']);
    expect(errors[0]!.extensions.code).toMatch(/^[A-Z_]+$/);
    expect(errors[0]!.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
  });

  it('reports a deferred part’s errors in the current format too, on its completion when it has no data', async () => {
    const token = await citizenToken(citizen.niu);
    const query = `query { me { niu } ... @defer(label: "missing") { dossier(reference: "URB-2024-999999") { reference } } }`;
    const plain = await gql(`query { me { niu } dossier(reference: "URB-2024-999999") { reference } }`, {}, { token });
    const answer = await postIncremental(query, {}, { token, accept: deferAlpha9 });
    expect(answer.payloads[0]).toEqual({ data: { me: { niu: citizen.niu } }, pending: [{ id: '0', path: [], label: 'missing' }], hasNext: true });
    const merged = mergePayloads(answer.payloads);
    expect(merged.data).toEqual(plain.data);
    expect(merged.errors.map((e) => (e.extensions as Json).code)).toEqual((plain.errors ?? []).map((e) => e.extensions?.code));
    expect(merged.errors.map((e) => e.path)).toEqual((plain.errors ?? []).map((e) => e.path));
  });

  it('answers whole, as one JSON, when the client does not accept multipart/mixed', async () => {
    const token = await citizenToken(citizen.niu);
    const plain = await gql(wrap('me', `${identity} ${dossiers}`), { niu: citizen.niu }, { token });
    for (const accept of ['application/json', 'application/graphql-response+json', 'multipart/mixed;q=0, application/json']) {
      const answer = await postIncremental(wrap('me', `${identity} ... @defer { ${dossiers} }`), { niu: citizen.niu }, { token, accept });
      expect(answer.contentType).toMatch(/^application\/(graphql-response\+)?json/);
      expect(answer.payloads).toEqual([{ data: plain.data }]);
    }
  });

  it('runs a deferred fragment inline in a mutation (a mutation never runs twice)', async () => {
    const query = 'mutation { ... @defer { __typename } }';
    const answer = await postIncremental(query, {}, {});
    expect(answer.contentType).toMatch(/^application\/(graphql-response\+)?json/);
    expect(answer.payloads[0]).toEqual({ data: { __typename: 'Mutation' } });
  });

  it('puts every part on the audit trail under the request’s one trace id', async () => {
    const token = await citizenToken(citizen.niu);
    const traceId = randomBytes(16).toString('hex');
    const query = `query { me { niu firstName ... @defer { ${civilActs} } ... @defer { ${dossiers} } } }`;
    const answer = await postIncremental(query, {}, { token, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } });
    expect(answer.payloads.length).toBe(3);
    const audit = createFileAuditStore({ path: inject('auditLogPath') });
    const records = (await audit.listForNiu(citizen.niu, { limit: 1000 })).filter((r) => r.traceId === traceId);
    await audit.close();
    // One record per part that read the citizen's data (identity, civil acts, dossiers), all of one trace.
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(new Set(records.map((r) => r.operationName))).toEqual(new Set([null]));
  });

  it('is parsed and merged by urql’s own multipart reader', async () => {
    const token = await citizenToken(citizen.niu);
    const plain = await gql(wrap('me', `${identity} ${civilActs} ${dossiers}`), { niu: citizen.niu }, { token });
    const client = new Client({ url: inject('gatewayUrl'), exchanges: [fetchExchange], fetchOptions: { headers: { authorization: `Bearer ${token}` } }, preferGetMethod: false });
    const results: { data?: unknown; hasNext: boolean }[] = [];
    await new Promise<void>((resolve, reject) => {
      const { unsubscribe } = client.query(wrap('me', `${identity} ... @defer { ${civilActs} } ... @defer { ${dossiers} }`), { niu: citizen.niu }).subscribe((result) => {
        if (result.error) return reject(result.error);
        results.push({ data: structuredClone(result.data), hasNext: result.hasNext });
        if (!result.hasNext) unsubscribe(), resolve();
      });
    });
    expect(results.length).toBeGreaterThanOrEqual(2);
    expect(results[0]!.hasNext).toBe(true);
    expect(results.at(-1)!.data).toEqual(plain.data);
  });
});
