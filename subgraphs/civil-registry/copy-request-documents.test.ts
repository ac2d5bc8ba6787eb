import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { citizenPrincipal, postAs } from '../shared/testing/index.js';
import { startTestCivilRegistry, type TestCivilRegistry } from './testing/start-test-civil-registry.js';

let stack: TestCivilRegistry;
let url: string;
beforeAll(async () => {
  stack = await startTestCivilRegistry(41);
  url = await stack.startSubgraph({ IDENTITY_CACHE_TTL_MS: '0' });
});
afterAll(() => stack?.close());
beforeEach(() => stack.resetRnec());

/** A citizen with at least two copy requests at RNEC. */
const applicant = () => {
  const counts = new Map<string, number>();
  for (const request of stack.world.copyRequests) counts.set(request.niu, (counts.get(request.niu) ?? 0) + 1);
  return [...counts].find(([, n]) => n >= 2)![0];
};
const requestsOf = (niu: string) => stack.world.copyRequests.filter((r) => r.niu === niu).map((r) => `RNEC-${r.number.slice(3)}`);
const list = (selection: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { civilActCopyRequests { reference ${selection} } } } }`;
type Listed = { _entities: { civilActCopyRequests: { reference: string; documents?: { id: string | null; kind: string; sha256: string; size: number }[] }[] | null }[] };

describe('CivilActCopyRequest.documents (RNEC’s ListerPieces, per request, only when asked)', () => {
  it('makes no ListerPieces call for a list that does not select documents', async () => {
    const niu = applicant();
    const listed = await postAs<Listed>(url, citizenPrincipal(niu), list(''), { r: [{ __typename: 'Citizen', niu }] });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!._entities[0]!.civilActCopyRequests!.length).toBeGreaterThanOrEqual(2);
    expect((await stack.rnecCalls()).ListerPieces).toBeUndefined();
  });

  it('asks RNEC once per request shown, also when the same request is asked twice in one query, and shows a counter paper without a Guichet id', async () => {
    const niu = applicant();
    const references = requestsOf(niu);
    const paper = Buffer.from('%PDF-1.7 remise au guichet');
    const form = new FormData();
    form.append('IDENTITY_DOCUMENT', new Blob([paper], { type: 'application/pdf' }), 'identite.pdf');
    const deposit = await fetch(`${stack.rnec.v2Url}/demandes/${references[0]!.replace(/^RNEC-/, 'DC-')}/pieces`, { method: 'POST', body: form });
    expect(deposit.status).toBe(201);
    await stack.resetRnec();
    const listed = await postAs<Listed>(url, citizenPrincipal(niu), list('documents { id kind sha256 size }'), { r: [{ __typename: 'Citizen', niu }] });
    expect(listed.errors).toBeUndefined();
    const requests = listed.data!._entities[0]!.civilActCopyRequests!;
    expect(requests.find((r) => r.reference === references[0])!.documents).toEqual([
      { id: null, kind: 'IDENTITY_DOCUMENT', sha256: createHash('sha256').update(paper).digest('hex'), size: paper.length },
    ]);
    expect((await stack.rnecCalls()).ListerPieces).toBe(requests.length);
    await stack.resetRnec();
    const twice = await postAs<{ a: { documents: unknown[] }; b: { documents: unknown[] } }>(
      url,
      citizenPrincipal(niu),
      'query($r: ID!) { a: civilActCopyRequest(reference: $r) { documents { kind } } b: civilActCopyRequest(reference: $r) { documents { kind } } }',
      { r: references[0] },
    );
    expect(twice.errors).toBeUndefined();
    expect(twice.data!.a.documents).toHaveLength(1);
    expect((await stack.rnecCalls()).ListerPieces).toBe(1);
  });

  it('answers RNEC’s error rather than an empty list when ListerPieces fails, and still shows the request', async () => {
    const niu = applicant();
    await stack.setRnecFaults({ errorRate: 1, operations: ['ListerPieces'] });
    const shown = await postAs<{ civilActCopyRequest: unknown }>(url, citizenPrincipal(niu), 'query($r: ID!) { civilActCopyRequest(reference: $r) { reference documents { kind } } }', {
      r: requestsOf(niu)[0],
    });
    // The request itself is still shown (read by SuivreDemande); only its documents are missing, with the error at them.
    expect(shown.data?.civilActCopyRequest).toEqual({ reference: requestsOf(niu)[0], documents: null });
    expect(shown.errors?.[0]?.extensions?.code).toMatch(/^BACKEND_/);
    expect(JSON.stringify(shown.errors?.[0])).toContain('"documents"');
  });
});
