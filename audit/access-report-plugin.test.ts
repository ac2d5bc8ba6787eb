import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessReportingContext } from './access-report-plugin.js';
import { federationLink, startTinySubgraph, type TinySubgraph } from './test-support/tiny-subgraph.js';

let subgraph: TinySubgraph;

beforeAll(async () => {
  subgraph = await startTinySubgraph(
    'civil-registry',
    `${federationLink}
      type Person @key(fields: "niu") { niu: ID! fullName: String! }
      type Query { person(niu: ID!): Person procedures: [String!]! }
      type Mutation { rename(niu: ID!): Person }`,
    {
      Query: {
        person: (_: unknown, { niu }: { niu: string }, { access }: AccessReportingContext) => {
          access.record({ niu, system: 'rnec', action: 'read' });
          return { niu, fullName: 'Afi Mensah' };
        },
        procedures: () => ['CEET-BRANCHEMENT'],
      },
      Mutation: {
        rename: (_: unknown, { niu }: { niu: string }, { access }: AccessReportingContext) => {
          access.record({ niu, system: 'rnec', action: 'write' });
          return { niu, fullName: 'Afi Mensah-Kodjo' };
        },
      },
    },
  );
});
afterAll(() => subgraph?.close());

async function post(query: string) {
  const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: unknown; extensions?: Record<string, unknown> };
}

describe('accessReportPlugin (a real subgraph over HTTP)', () => {
  it('reports whose data the request served, once per (NIU, system, action)', async () => {
    const body = await post('{ a: person(niu: "100000000001") { fullName } b: person(niu: "100000000001") { niu } c: person(niu: "100000000002") { niu } }');
    expect(body.extensions).toEqual({
      guichetAccess: [
        { niu: '100000000001', system: 'rnec', action: 'read' },
        { niu: '100000000002', system: 'rnec', action: 'read' },
      ],
    });
  });

  it('reports writes as writes', async () => {
    const body = await post('mutation { rename(niu: "100000000001") { fullName } }');
    expect(body.extensions).toEqual({ guichetAccess: [{ niu: '100000000001', system: 'rnec', action: 'write' }] });
  });

  it('adds nothing when no personal data was served', async () => {
    const body = await post('{ procedures }');
    expect(body).toEqual({ data: { procedures: ['CEET-BRANCHEMENT'] } });
  });
});
