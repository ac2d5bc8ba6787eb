import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { supergraphPath } from '../../gateway/trusted-documents/index.js';
import { packageRoot, readShippedOperations } from '../trusted-documents/index.js';
import { generateClientFiles } from './generate-client-files.js';

/**
 * `npm run clients:generate`: writes clients/generated/ (typed documents, the normalized cache's configuration) from
 * the shipped operations (clients/operations, subgraphs/<name>/operations) and the supergraph.
 */
try {
  const files = await generateClientFiles(readFileSync(supergraphPath(), 'utf8'), readShippedOperations());
  for (const [path, text] of Object.entries(files)) {
    const target = join(packageRoot(), path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    process.stdout.write(`wrote ${path}\n`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
