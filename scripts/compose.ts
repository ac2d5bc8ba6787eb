import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSupergraph } from './build-supergraph.js';
import { refuseUnacceptedBreaks } from './schema-check/index.js';

/**
 * `npm run compose`: writes schema/supergraph.graphql, which is committed and checked by the tests — unless the new
 * supergraph breaks clients in a way schema/accepted-changes.json does not accept (see schema:check).
 */
const target = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
try {
  const { supergraphSdl, hints } = await buildSupergraph();
  const refusal = await refuseUnacceptedBreaks(target, supergraphSdl);
  if (refusal !== undefined) {
    process.stderr.write(refusal);
    process.exit(1);
  }
  writeFileSync(target, supergraphSdl);
  for (const hint of hints) process.stdout.write(`hint: ${hint}\n`);
  process.stdout.write(`wrote ${target}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
