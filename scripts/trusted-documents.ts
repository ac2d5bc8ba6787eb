import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { apiSchemaOf, defaultManifestPath, supergraphPath, validateManifest } from '../gateway/trusted-documents/index.js';
import { buildShippedManifest, serializeManifest } from './trusted-documents/index.js';

/**
 * Builds clients/trusted-documents.json (Apollo's persisted query manifest, as its generate-persisted-query-manifest
 * writes it) from the shipped operations — clients/operations/*.graphql and each ministry subgraph's own
 * subgraphs/<name>/operations/*.graphql — and Relay's clients/relay/persisted-queries.json if any, then
 * validates every document against the API schema of schema/supergraph.graphql. `--check` writes nothing and fails
 * when the committed manifest is stale. Exit 1 on any problem.
 */
const check = process.argv.includes('--check');
const target = defaultManifestPath();
const shown = relative(process.cwd(), target) || target;
try {
  const manifest = await buildShippedManifest();
  const text = serializeManifest(manifest);
  let failed = false;
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // Missing: stale by definition.
    }
    if (committed !== text) {
      process.stderr.write(`${shown} is stale: run the trusted-documents script and commit it\n`);
      failed = true;
    }
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${shown} (${manifest.operations.length} operations)\n`);
  }
  const problems = validateManifest(manifest.operations, apiSchemaOf(readFileSync(supergraphPath(), 'utf8')));
  for (const problem of problems) process.stderr.write(`invalid against schema/supergraph.graphql: ${problem}\n`);
  if (failed || problems.length > 0) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
