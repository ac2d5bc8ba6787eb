import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf } from './api-schema.js';
import { documentId } from './document-id.js';
import { normalizedDocumentKey } from './normalized-document.js';
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

  it('holds the public contract (the documents tests/integration/contract.test.ts sends), as its file says up to __typename', () => {
    const byName = new Map(committed().operations.map((o) => [o.name, o]));
    for (const name of ['CitizenDashboard', 'DossierStatus', 'Procedures']) {
      const text = readFileSync(new URL(`../../clients/operations/${name}.graphql`, import.meta.url), 'utf8');
      expect(normalizedDocumentKey(byName.get(name)?.body ?? ''), name).toBe(normalizedDocumentKey(text));
      expect(byName.get(name)?.body, name).toContain('__typename');
      expect(byName.get(name)?.type, name).toBe('query');
    }
  });

  it('holds the portal’s documents, mutations included', () => {
    const types = Object.fromEntries(committed().operations.map((o) => [o.name, o.type]));
    expect(types).toMatchObject({ MyDashboard: 'query', RequestElectricityConnection: 'mutation', ApplyForBuildingPermit: 'mutation', RequestCivilActCopy: 'mutation' });
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
