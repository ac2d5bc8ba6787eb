import { buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { planDefer, withDeferDirective } from './index.js';

const schema = withDeferDirective(
  buildSchema(`
    interface Dossier { reference: ID! status: String }
    type Permit implements Dossier { reference: ID! status: String architect: String }
    type Page { totalCount: Int nodes: [Dossier!]! }
    type Citizen { niu: ID! name: String acts: [String!] dossiers(first: Int): Page }
    type Query { me: Citizen citizen(niu: ID!): Citizen dossier(reference: ID!): Dossier }
    type Mutation { file(niu: ID!): Citizen }
  `),
);

const flat = (document: Parameters<typeof print>[0]) => print(document).replace(/\s+/g, ' ').trim();

describe('planDefer', () => {
  it('splits a fragment off with the path down to it, and keeps only the variables each operation uses', () => {
    const plan = planDefer(schema, parse('query Q($niu: ID!, $n: Int) { citizen(niu: $niu) { niu ... @defer(label: "d") { dossiers(first: $n) { totalCount } } } }'), 'Q', {});
    expect(flat(plan.initial.document)).toBe('query Q($niu: ID!) { citizen(niu: $niu) { niu } }');
    expect(plan.parts).toHaveLength(1);
    expect(plan.parts[0]).toMatchObject({ parent: -1, label: 'd', path: ['citizen'] });
    expect(flat(plan.parts[0]!.document)).toBe('query Q($niu: ID!, $n: Int) { citizen(niu: $niu) { ... { dossiers(first: $n) { totalCount } } } }');
  });

  it('runs inline what cannot be split safely: under a list, in a mutation, on a narrower type, with if: false', () => {
    for (const [query, variables] of [
      ['{ me { dossiers { nodes { reference ... @defer { status } } } } }', {}],
      ['mutation { file(niu: "1") { niu ... @defer { name } } }', {}],
      ['{ dossier(reference: "x") { reference ... on Permit @defer { architect } } }', {}],
      ['query($d: Boolean!) { me { niu ... @defer(if: $d) { name } } }', { d: false }],
      ['query($s: Boolean!) { me { niu ... @defer @skip(if: $s) { name } } }', { s: true }],
    ] as const) {
      const plan = planDefer(schema, parse(query), undefined, variables);
      expect(plan.parts, query).toEqual([]);
      expect(flat(plan.initial.document)).not.toContain('@defer');
    }
  });

  it('orders nested fragments after their parent, each with its own path', () => {
    const plan = planDefer(schema, parse('{ me { ... @defer(label: "a") { name dossiers { totalCount ... @defer(label: "b") { nodes { reference } } } } } }'), undefined);
    expect(plan.parts.map((p) => [p.label, p.parent, p.path])).toEqual([
      ['a', -1, ['me']],
      ['b', 0, ['me', 'dossiers']],
    ]);
    // Every selection of `me` was deferred: the initial operation selects a placeholder there, removed from the data.
    expect(plan.initial.placeholders).toEqual([['me']]);
    expect(flat(plan.parts[1]!.document)).toBe('{ me { dossiers { ... { nodes { reference } } } } }');
  });

  it('takes a named fragment’s @defer from its spread', () => {
    const plan = planDefer(schema, parse('{ me { niu ...Rest @defer(label: "r") } } fragment Rest on Citizen { acts }'), undefined);
    expect(plan.parts.map((p) => p.label)).toEqual(['r']);
    expect(flat(plan.parts[0]!.document)).toBe('{ me { ... on Citizen { acts } } }');
  });
});
