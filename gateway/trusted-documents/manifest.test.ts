import { readFileSync } from 'node:fs';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf } from './api-schema.js';
import { buildManifest } from './build-manifest.js';
import { documentId } from './document-id.js';
import { parseManifest, readManifest } from './manifest.js';
import { defaultManifestPath, supergraphPath } from './package-paths.js';
import { validateManifest } from './validate-manifest.js';

const committed = () => readManifest(defaultManifestPath());

describe('clients/trusted-documents.json', () => {
  // That it is what the shipped operations build to (every folder of them) is checked beside the script that builds
  // it: scripts/trusted-documents/manifest-fresh.test.ts.
  it('holds only documents valid against the API schema of schema/supergraph.graphql', () => {
    const problems = validateManifest(committed().operations, apiSchemaOf(readFileSync(supergraphPath(), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('holds the public contract (the documents tests/integration/contract.test.ts sends)', () => {
    const byName = new Map(committed().operations.map((o) => [o.name, o]));
    for (const name of ['CitizenDashboard', 'DossierStatus', 'Procedures']) {
      const text = readFileSync(new URL(`../../clients/operations/${name}.graphql`, import.meta.url), 'utf8');
      expect(byName.get(name)?.body, name).toBe(print(parse(text)));
      expect(byName.get(name)?.type, name).toBe('query');
    }
  });

  it('holds the portal’s documents, mutations included', () => {
    const types = Object.fromEntries(committed().operations.map((o) => [o.name, o.type]));
    expect(types).toMatchObject({ MyDashboard: 'query', RequestElectricityConnection: 'mutation', ApplyForBuildingPermit: 'mutation', RequestCivilActCopy: 'mutation' });
  });
});

describe('buildManifest', () => {
  it('names, types and hashes each operation, sorted by name', () => {
    const manifest = buildManifest([
      { file: 'B.graphql', text: '# a comment\nquery B { procedures { code } }' },
      { file: 'A.graphql', text: 'mutation A($k: String!) { touch(key: $k) { ...F } } fragment F on T { id }' },
    ]);
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.operations.map((o) => [o.name, o.type])).toEqual([
      ['A', 'mutation'],
      ['B', 'query'],
    ]);
    const b = manifest.operations[1];
    expect(b?.body).toBe('query B {\n  procedures {\n    code\n  }\n}');
    expect(b?.id).toBe(documentId(b?.body ?? ''));
    expect(manifest.operations[0]?.body).toContain('fragment F on T');
  });

  it('refuses anonymous, misnamed, multiple and unparsable operations, naming each file', () => {
    const build = (file: string, text: string) => () => buildManifest([{ file, text }]);
    expect(build('X.graphql', '{ a }')).toThrow('X.graphql: the operation must be named after its file (found an anonymous operation)');
    expect(build('X.graphql', 'query Y { a }')).toThrow('found Y');
    expect(build('X.graphql', 'query X { a } query Z { b }')).toThrow('expected exactly one operation, found 2');
    expect(build('X.graphql', 'query X {')).toThrow('X.graphql: Syntax Error');
  });
});

describe('parseManifest', () => {
  const body = 'query A {\n  a\n}';
  const valid = { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: documentId(body), name: 'A', type: 'query', body }] };

  it('accepts Apollo’s format', () => {
    expect(parseManifest(valid).operations).toHaveLength(1);
  });

  it('refuses another format, and an id that is not the hash of its body', () => {
    expect(() => parseManifest({ ...valid, format: 'other' })).toThrow('not an Apollo persisted query manifest (format');
    expect(() => parseManifest({ ...valid, operations: [{ ...valid.operations[0], body: `${body} ` }] })).toThrow('operation A: id is not the SHA-256 of its body');
  });
});
