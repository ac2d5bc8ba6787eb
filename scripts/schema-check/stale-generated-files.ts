import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { supergraphPath } from '../../gateway/trusted-documents/index.js';
import { generateClientFiles, generatedClientTypesFile } from '../clients-generate/index.js';
import { renderSchemaDocs, schemaDocsPath } from '../schema-docs/index.js';
import { readShippedOperations } from '../trusted-documents/index.js';
import type { StaleFile } from './format-report.js';

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The committed files generated from the committed supergraph — the schema reference, the typed client documents
 * and the normalized cache's configuration (clients/generated/) — that are not what their generator gives now.
 */
export async function staleGeneratedFiles(supergraphSdl: string): Promise<StaleFile[]> {
  const root = join(dirname(supergraphPath()), '..');
  const stale: StaleFile[] = [];
  const docs = schemaDocsPath();
  if (readOrEmpty(docs) !== renderSchemaDocs(supergraphSdl)) stale.push({ path: relative(root, docs), fix: 'npm run schema:docs' });
  try {
    const files = await generateClientFiles(supergraphSdl, readShippedOperations());
    for (const [path, text] of Object.entries(files)) if (readOrEmpty(join(root, path)) !== text) stale.push({ path, fix: 'npm run clients:generate' });
  } catch (error) {
    // A client document invalid against the committed supergraph: nothing can be generated until one of them changes.
    const problem = `the shipped operations cannot be typed against the committed supergraph: ${error instanceof Error ? error.message : String(error)}`;
    stale.push({ path: generatedClientTypesFile, fix: 'npm run compose && npm run clients:generate', problem });
  }
  return stale;
}
