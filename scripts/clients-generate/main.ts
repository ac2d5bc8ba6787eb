import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { supergraphPath } from '../../gateway/trusted-documents/index.js';
import { readShippedOperations } from '../trusted-documents/index.js';
import { generateClientTypes, generatedClientTypesFile } from './generate-client-types.js';

/** `npm run clients:generate`: writes clients/generated/graphql.ts from the shipped operations (clients/operations, subgraphs/<name>/operations). */
const target = join(dirname(supergraphPath()), '..', generatedClientTypesFile);
try {
  const text = await generateClientTypes(readFileSync(supergraphPath(), 'utf8'), readShippedOperations());
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`wrote ${generatedClientTypesFile}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
