import { join } from 'node:path';
import { packageRoot } from '../../lib/files/index.js';

export { packageRoot };

/** `clients/trusted-documents.json`: the manifest the gateway loads by default. */
export const defaultManifestPath = (): string => join(packageRoot(), 'clients', 'trusted-documents.json');

/** `clients/operations/`: the shipped clients' documents, one operation per file. */
export const operationsDirectory = (): string => join(packageRoot(), 'clients', 'operations');

/** `schema/supergraph.graphql`: what the documents are validated against. */
export const supergraphPath = (): string => join(packageRoot(), 'schema', 'supergraph.graphql');
