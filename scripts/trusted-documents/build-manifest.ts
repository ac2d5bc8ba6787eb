import { basename } from 'node:path';
import { type DocumentNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { documentId, type ManifestOperation, type PersistedQueryManifest } from '../../gateway/trusted-documents/index.js';
import { apolloClientBodies } from './apollo-client-body.js';
import type { OperationSource } from './read-operation-sources.js';
import type { RelayPersistedDocument } from './relay-persisted-queries.js';

const operationOf = (document: DocumentNode): OperationDefinitionNode[] => document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

/**
 * Builds the trusted-documents manifest exactly as `@apollo/generate-persisted-query-manifest` writes it for these
 * files: each file holds one named operation (plus the fragments it uses) named like the file; its body is the text
 * Apollo Client 4 sends for it (`__typename` added, fragments appended and sorted: apolloClientBodies), its id the
 * SHA-256 of that body; operations sorted by name. urql sends the same selections (it adds `__typename` too) and
 * the gateway accepts its printing of them (gateway/trusted-documents/normalized-document.ts).
 *
 * `relay`: documents compiled by Relay (`persistConfig` with `algorithm: "SHA256"`), added as they are — Relay sends
 * their id and its own text is what the id hashes.
 */
export async function buildManifest(sources: readonly OperationSource[], relay: readonly RelayPersistedDocument[] = []): Promise<PersistedQueryManifest> {
  const problems: string[] = [];
  const documents: { name: string; document: DocumentNode }[] = [];
  const fragments = new Map<string, string>();
  for (const { file, text } of sources) {
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const definitions = operationOf(document);
    const [operation] = definitions;
    if (definitions.length !== 1 || !operation) {
      problems.push(`${file}: expected exactly one operation, found ${definitions.length}`);
      continue;
    }
    const name = operation.name?.value;
    if (name !== basename(file, '.graphql')) {
      problems.push(`${file}: the operation must be named after its file (found ${name === undefined ? 'an anonymous operation' : name})`);
      continue;
    }
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const other = fragments.get(definition.name.value);
      // Apollo's tool refuses it too: its fragment registry would take either.
      if (other !== undefined) problems.push(`${file}: fragment ${definition.name.value} is already defined in ${other}`);
      fragments.set(definition.name.value, file);
    }
    documents.push({ name, document });
  }
  if (problems.length > 0) throw new Error(`invalid client documents:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  documents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const bodies = await apolloClientBodies(documents.map((d) => d.document));
  const operations: ManifestOperation[] = documents.map(({ name, document }, i) => {
    const body = bodies[i]!;
    return { id: documentId(body), name, type: operationOf(document)[0]!.operation, body };
  });
  const names = new Set(operations.map((o) => o.name));
  for (const document of relay) {
    if (names.has(document.name)) throw new Error(`Relay's ${document.name} has the name of a shipped operation: rename one of them`);
    operations.push(document);
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The file as Apollo's CLI writes it (`JSON.stringify(manifest, null, 2)`, no final newline). */
export function serializeManifest(manifest: PersistedQueryManifest): string {
  return JSON.stringify(manifest, null, 2);
}
