import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSupergraph } from '../scripts/build-supergraph.js';
import { composeSupergraph, CompositionError } from './compose-supergraph.js';

/** The committed supergraph is what the gateway serves: it must be exactly what the code composes to. */
describe('supergraph', () => {
  it('composes without errors and matches the committed schema/supergraph.graphql (run `npm run compose`)', async () => {
    const { supergraphSdl } = await buildSupergraph();
    const committed = readFileSync(new URL('./supergraph.graphql', import.meta.url), 'utf8');
    expect(supergraphSdl === committed, 'schema/supergraph.graphql is stale: run `npm run compose` and commit it').toBe(true);
  });

  it('composes with no hints: every shared type agrees across subgraphs', async () => {
    const { hints } = await buildSupergraph();
    expect(hints).toEqual([]);
  });

  it('reports composition errors instead of writing a broken supergraph', () => {
    const a = {
      name: 'a',
      url: 'http://a/graphql',
      sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { x: String } type T @key(fields: "id") { id: ID! n: String }',
    };
    const b = {
      name: 'b',
      url: 'http://b/graphql',
      sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { y: String } type T @key(fields: "id") { id: ID! n: Int }',
    };
    expect(() => composeSupergraph([a, b])).toThrow(CompositionError);
  });
});
