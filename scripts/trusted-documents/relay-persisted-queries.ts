import { existsSync, readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { documentId, type ManifestOperation } from '../../gateway/trusted-documents/index.js';

export type RelayPersistedDocument = ManifestOperation;

/**
 * Relay's persisted queries: the JSON map `{ "<id>": "<query text>" }` that relay-compiler writes with
 * `persistConfig: { file, algorithm: "SHA256" }`. Each entry becomes a manifest operation (name and type from its
 * text). An id that is not the SHA-256 of its text (Relay's default MD5, or SHA1) is refused, naming the setting to
 * change: the gateway checks every id against its body. A missing file is no documents.
 */
export function readRelayPersistedQueries(path: string): RelayPersistedDocument[] {
  if (!existsSync(path)) return [];
  const map: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw new Error(`${path}: expected Relay's persisted queries, a JSON object of id → query text`);
  const documents: RelayPersistedDocument[] = [];
  for (const [id, body] of Object.entries(map)) {
    if (typeof body !== 'string') throw new Error(`${path}: ${id}: expected the query text`);
    if (documentId(body) !== id) throw new Error(`${path}: ${id} is not the SHA-256 of its text: set persistConfig.algorithm to "SHA256" in Relay's configuration`);
    const operation = parse(body).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.name === undefined) throw new Error(`${path}: ${id}: expected one named operation`);
    documents.push({ id, name: operation.name.value, type: operation.operation, body });
  }
  return documents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
