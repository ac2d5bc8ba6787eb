import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePersistedQueryManifest } from '@apollo/generate-persisted-query-manifest';
import { afterAll, describe, expect, it } from 'vitest';
import { documentId } from '../../gateway/trusted-documents/index.js';
import { buildManifest } from './build-manifest.js';
import { readShippedOperations } from './operation-sources.js';
import type { OperationSource } from './read-operation-sources.js';
import { readRelayPersistedQueries } from './relay-persisted-queries.js';

const sandbox = mkdtempSync(join(tmpdir(), 'guichet-manifest-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

/** What Apollo's own tool writes for these files (its programmatic entry, the one its CLI calls). */
async function apolloToolManifest(sources: readonly OperationSource[]) {
  const dir = mkdtempSync(join(sandbox, 'docs-'));
  for (const { file, text } of sources) writeFileSync(join(dir, file), text);
  return generatePersistedQueryManifest({ documents: sources.map((s) => join(dir, s.file)) }, undefined);
}

/** A matrix of document shapes: nested lists, inline fragments, named fragments in any order, aliases, directives, arguments, mutations. */
const shapes: OperationSource[] = [
  { file: 'Flat.graphql', text: 'query Flat { procedures { code title } }' },
  { file: 'Aliased.graphql', text: 'query Aliased($c: ID!) { p: procedure(code: $c) { code t: title } all: procedures { code } }' },
  {
    file: 'Inline.graphql',
    text: 'query Inline($n: ID!) { citizen(niu: $n) { niu dossiers(first: 3) { nodes { reference ... on ElectricityConnectionRequest { meterType } ... on BuildingPermitApplication { landTitle } } } } }',
  },
  {
    file: 'Fragments.graphql',
    text: 'fragment Z on Dossier { status history { at } }\nquery Fragments($r: ID!) { dossier(reference: $r) { ...Z ...A } }\nfragment A on Dossier { reference procedure { code } }',
  },
  { file: 'Directives.graphql', text: 'query Directives($r: ID!, $s: Boolean!) { dossier(reference: $r) @include(if: $s) { reference nextAction @skip(if: $s) } }' },
  { file: 'Typename.graphql', text: 'query Typename { __typename procedures { __typename code } }' },
  { file: 'Filing.graphql', text: 'mutation Filing($i: CivilActCopyInput!, $k: String!) { requestCivilActCopy(input: $i, idempotencyKey: $k) { reference procedure { code } } }' },
];

describe('buildManifest', () => {
  it('writes what @apollo/generate-persisted-query-manifest writes, for every shipped operation', async () => {
    // Apollo's tool (1.4) builds its client without an incremental handler, so it exits on a document with @defer,
    // which Apollo Client 4 itself sends as written: those are compared below, the others with the tool.
    const sources = readShippedOperations();
    const withoutDefer = sources.filter((s) => !s.text.includes('@defer'));
    expect(withoutDefer.length).toBeLessThan(sources.length);
    const ours = await buildManifest(sources);
    expect({ ...ours, operations: ours.operations.filter((o) => !o.body.includes('@defer')) }).toEqual(await apolloToolManifest(withoutDefer));
    for (const operation of ours.operations.filter((o) => o.body.includes('@defer'))) {
      expect(operation.id).toBe(documentId(operation.body));
      // The deferred fragment kept as written; __typename added to the fields' selection sets as everywhere else.
      expect(operation.body).toMatch(/\.\.\. @defer\(label: "\w+"\) \{\n/);
      expect(operation.body).toMatch(/\n {4}__typename\n {2}\}\n\}$/);
    }
  });

  it('writes what Apollo’s tool writes for a matrix of document shapes', async () => {
    const ours = await buildManifest(shapes);
    expect(ours).toEqual(await apolloToolManifest(shapes));
    expect(ours.operations.map((o) => [o.name, o.type])).toEqual([
      ['Aliased', 'query'],
      ['Directives', 'query'],
      ['Filing', 'mutation'],
      ['Flat', 'query'],
      ['Fragments', 'query'],
      ['Inline', 'query'],
      ['Typename', 'query'],
    ]);
    for (const operation of ours.operations) expect(operation.id).toBe(documentId(operation.body));
    const fragments = ours.operations.find((o) => o.name === 'Fragments')?.body ?? '';
    // The operation first, then fragments by name; __typename in every selection set but the root's.
    expect(fragments.indexOf('query Fragments')).toBe(0);
    expect(fragments.indexOf('fragment A')).toBeLessThan(fragments.indexOf('fragment Z'));
    expect(ours.operations.find((o) => o.name === 'Flat')?.body).toBe('query Flat {\n  procedures {\n    code\n    title\n    __typename\n  }\n}');
  });

  it('refuses anonymous, misnamed, multiple and unparsable operations, and a fragment defined twice, naming each file', async () => {
    const build = (...sources: OperationSource[]) => buildManifest(sources);
    await expect(build({ file: 'X.graphql', text: '{ a }' })).rejects.toThrow('X.graphql: the operation must be named after its file (found an anonymous operation)');
    await expect(build({ file: 'X.graphql', text: 'query Y { a }' })).rejects.toThrow('found Y');
    await expect(build({ file: 'X.graphql', text: 'query X { a } query Z { b }' })).rejects.toThrow('expected exactly one operation, found 2');
    await expect(build({ file: 'X.graphql', text: 'query X {' })).rejects.toThrow('X.graphql: Syntax Error');
    await expect(build({ file: 'X.graphql', text: 'query X { ...F } fragment F on Q { a }' }, { file: 'Y.graphql', text: 'query Y { ...F } fragment F on Q { b }' })).rejects.toThrow(
      'Y.graphql: fragment F is already defined in X.graphql',
    );
  });
});

describe('Relay’s persisted queries', () => {
  const relayText = 'query DossierRelayQuery(\n  $reference: ID!\n) {\n  dossier(reference: $reference) {\n    __typename\n    reference\n    status\n  }\n}\n';
  const write = (content: unknown) => {
    const path = join(mkdtempSync(join(sandbox, 'relay-')), 'persisted-queries.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  it('are added as Relay wrote them, id and text, after the shipped operations', async () => {
    const relay = readRelayPersistedQueries(write({ [documentId(relayText)]: relayText }));
    expect(relay).toEqual([{ id: documentId(relayText), name: 'DossierRelayQuery', type: 'query', body: relayText }]);
    const manifest = await buildManifest(shapes.slice(0, 1), relay);
    expect(manifest.operations.map((o) => o.name)).toEqual(['Flat', 'DossierRelayQuery']);
    await expect(buildManifest([{ file: 'DossierRelayQuery.graphql', text: 'query DossierRelayQuery { procedures { code } }' }], relay)).rejects.toThrow('has the name of a shipped operation');
  });

  it('are refused with Relay’s default MD5 ids, naming the setting to change; a missing file is none', () => {
    expect(() => readRelayPersistedQueries(write({ '3be4abb81fa595e25eb725b2c6a87508': relayText }))).toThrow('set persistConfig.algorithm to "SHA256"');
    expect(() => readRelayPersistedQueries(write([relayText]))).toThrow('a JSON object of id → query text');
    expect(readRelayPersistedQueries(join(sandbox, 'none.json'))).toEqual([]);
  });
});
