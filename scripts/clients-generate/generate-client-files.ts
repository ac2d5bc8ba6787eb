import { apiSchemaOf, validateManifest } from '../../gateway/trusted-documents/index.js';
import { buildManifest, type OperationSource } from '../trusted-documents/index.js';
import { cacheKeysOf } from './cache-keys.js';
import { generateApolloCache, generatedApolloCacheFile } from './generate-apollo-cache.js';
import { generateClientTypes, generatedClientTypesFile } from './generate-client-types.js';
import { missingKeySelections } from './missing-keys.js';

/**
 * Every file `npm run clients:generate` writes, by path relative to the package root: the typed documents and the
 * normalized cache's configuration. Refuses a shipped operation that reads a keyed type without its key (the cache
 * could not store it).
 */
export async function generateClientFiles(supergraphSdl: string, sources: readonly OperationSource[]): Promise<Record<string, string>> {
  const manifest = await buildManifest(sources);
  const schema = apiSchemaOf(supergraphSdl);
  const invalid = validateManifest(manifest.operations, schema);
  if (invalid.length > 0) throw new Error(`shipped operations invalid against the schema:\n${invalid.map((m) => `  - ${m}`).join('\n')}`);
  const keys = cacheKeysOf(supergraphSdl, schema);
  const missing = missingKeySelections(manifest.operations, schema, keys.keyFields);
  if (missing.length > 0) throw new Error(`shipped operations a normalized cache cannot store:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  return {
    [generatedClientTypesFile]: await generateClientTypes(supergraphSdl, manifest),
    [generatedApolloCacheFile]: generateApolloCache(keys),
  };
}
