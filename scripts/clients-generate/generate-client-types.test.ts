import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../gateway/trusted-documents/index.js';
import { committedSupergraph } from '../schema-check/testing/edit-supergraph.js';
import { readShippedOperations } from '../trusted-documents/index.js';
import { generateClientTypes } from './generate-client-types.js';

const sources = readShippedOperations();

describe('typed client documents (clients/generated/graphql.ts)', () => {
  it('types each operation’s result and variables, and types its document with them', async () => {
    const code = await generateClientTypes(committedSupergraph(), sources);
    expect(code).toContain('export type DossierStatusQueryVariables = Exact<{\n  reference: string;\n}>;');
    expect(code).toMatch(/export const DossierStatusDocument = \{.*\} as unknown as DocumentNode<DossierStatusQuery, DossierStatusQueryVariables>;/);
    expect(code).toMatch(/export type DossierStatus =\n/);
    expect(code).not.toMatch(/\bany\b/);
  });

  it('carries each operation’s trusted-document id, the manifest’s', async () => {
    const code = await generateClientTypes(committedSupergraph(), sources);
    for (const operation of buildManifest(sources).operations) expect(code).toContain(`  ${operation.name}: '${operation.id}',`);
  });

  it('refuses a document the schema cannot answer', async () => {
    await expect(generateClientTypes(committedSupergraph(), [...sources, { file: 'Broken.graphql', text: 'query Broken { procedures { colour } }' }])).rejects.toThrow(
      /Cannot query field "colour" on type "Procedure"/,
    );
  });
});
