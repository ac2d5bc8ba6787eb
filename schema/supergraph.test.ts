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

  it('composes with no hints but the designed ones: the dossiers subgraph declares only the hidden key of Dossier', async () => {
    const { hints } = await buildSupergraph();
    // docs/architecture.md: the ministries declare Dossier's public fields, the dossiers subgraph only `lookup`.
    const designed =
      /^\[INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD\]: Field "Dossier\.\w+" of interface type "Dossier" is defined in some but not all subgraphs that define "Dossier": .* but not in subgraph "dossiers"\.$/;
    expect(hints.filter((hint) => !designed.test(hint))).toEqual([]);
    expect(hints.some((hint) => hint.includes('"Dossier.lookup"'))).toBe(false);
  });

  it('the dossiers subgraph declares no public field of Dossier that its stubs leave @external (Hive Gateway refuses those)', async () => {
    const { supergraphSdl } = await buildSupergraph();
    const dossierInterface = /\ninterface Dossier\n[\s\S]*?\n\{([\s\S]*?)\n\}/.exec(supergraphSdl)?.[1] ?? '';
    const fields = [...dossierInterface.matchAll(/^\s{2}(\w+):.*$/gm)].map((m) => m[0]);
    expect(fields.length).toBeGreaterThan(5);
    // Every public field of the interface is declared by the ministries (join__field), never by dossiers.
    for (const field of fields.filter((f) => !f.includes('@inaccessible'))) {
      expect(field).toContain('@join__field(graph: ');
      expect(field).not.toContain('graph: DOSSIERS');
    }
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
