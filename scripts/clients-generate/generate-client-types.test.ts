import { describe, expect, it } from 'vitest';
import { committedSupergraph } from '../schema-check/testing/edit-supergraph.js';
import { buildManifest, readShippedOperations } from '../trusted-documents/index.js';
import { generateClientFiles } from './generate-client-files.js';
import { generatedClientTypesFile } from './generate-client-types.js';

const sources = readShippedOperations();

describe('typed client documents (clients/generated/graphql.ts)', () => {
  it('types each operation’s result and variables, and types its document with them', async () => {
    const code = (await generateClientFiles(committedSupergraph(), sources))[generatedClientTypesFile] ?? '';
    expect(code).toContain('export type DossierStatusQueryVariables = Exact<{\n  reference: string;\n}>;');
    expect(code).toMatch(/export const DossierStatusDocument = \{.*\} as unknown as DocumentNode<DossierStatusQuery, DossierStatusQueryVariables>;/);
    expect(code).toMatch(/export type DossierStatus =\n/);
    // The members of the Dossier interface are told apart by their __typename, as the client receives it.
    expect(code).toContain("__typename: 'ElectricityConnectionRequest', meterType:");
    expect(code).not.toMatch(/\bany\b/);
  });

  it('carries each operation’s trusted-document id, the manifest’s', async () => {
    const code = (await generateClientFiles(committedSupergraph(), sources))[generatedClientTypesFile] ?? '';
    for (const operation of (await buildManifest(sources)).operations) expect(code).toContain(`  ${operation.name}: '${operation.id}',`);
  });

  it('refuses a document the schema cannot answer', async () => {
    await expect(generateClientFiles(committedSupergraph(), [...sources, { file: 'Broken.graphql', text: 'query Broken { procedures { colour } }' }])).rejects.toThrow(
      /Cannot query field "colour" on type "Procedure"/,
    );
  });

  it('refuses a document reading a keyed type without its key (a normalized cache could not store it)', async () => {
    await expect(generateClientFiles(committedSupergraph(), [...sources, { file: 'Keyless.graphql', text: 'query Keyless { procedures { title } }' }])).rejects.toThrow(
      'Keyless: procedures (Procedure) does not select its key code',
    );
  });
});
