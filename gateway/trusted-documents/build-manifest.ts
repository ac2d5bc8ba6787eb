import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { documentId } from './document-id.js';
import type { ManifestOperation, PersistedQueryManifest } from './manifest.js';

/** One client document file: `clients/operations/<OperationName>.graphql`. */
export interface OperationSource {
  readonly file: string;
  readonly text: string;
}

/** Every `.graphql` file of a folder, by file name. */
export function readOperationSources(directory: string): OperationSource[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({ file: name, text: readFileSync(join(directory, name), 'utf8') }));
}

/**
 * Builds the manifest: each file holds one named operation (plus any fragments it uses) named like the file; its
 * body is the printed document (canonical layout, comments dropped), its id the SHA-256 of that body.
 * Operations are sorted by name so the committed file changes only when a document does.
 */
export function buildManifest(sources: readonly OperationSource[]): PersistedQueryManifest {
  const problems: string[] = [];
  const operations: ManifestOperation[] = [];
  for (const { file, text } of sources) {
    let document;
    try {
      document = parse(text);
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const definitions = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
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
    const body = print(document);
    operations.push({ id: documentId(body), name, type: operation.operation, body });
  }
  if (problems.length > 0) throw new Error(`invalid client documents:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  operations.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** The committed form: two-space JSON and a final newline. */
export function serializeManifest(manifest: PersistedQueryManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
