import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { supergraphPath } from '../../gateway/trusted-documents/index.js';
import { renderSchemaDocs } from './render-schema-docs.js';
import { schemaDocsPath } from './schema-docs-path.js';

/** `npm run schema:docs`: writes docs/schema.md from schema/supergraph.graphql (run `npm run compose` first). */
const target = schemaDocsPath();
try {
  writeFileSync(target, renderSchemaDocs(readFileSync(supergraphPath(), 'utf8')));
  process.stdout.write(`wrote ${relative(process.cwd(), target) || target}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
