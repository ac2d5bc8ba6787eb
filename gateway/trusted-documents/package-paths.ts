import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (the folder holding package.json), from the sources as from `dist/`. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package root not found above the trusted-documents module');
    dir = parent;
  }
  return dir;
}

/** `clients/trusted-documents.json`: the manifest the gateway loads by default. */
export const defaultManifestPath = (): string => join(packageRoot(), 'clients', 'trusted-documents.json');

/** `clients/operations/`: the shipped clients' documents, one operation per file. */
export const operationsDirectory = (): string => join(packageRoot(), 'clients', 'operations');

/** `schema/supergraph.graphql`: what the documents are validated against. */
export const supergraphPath = (): string => join(packageRoot(), 'schema', 'supergraph.graphql');
