import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSupergraph } from './build-supergraph.js';

/** `npm run compose`: writes schema/supergraph.graphql, which is committed and checked by the tests. */
const target = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
try {
  const { supergraphSdl, hints } = await buildSupergraph();
  writeFileSync(target, supergraphSdl);
  for (const hint of hints) process.stdout.write(`hint: ${hint}\n`);
  process.stdout.write(`wrote ${target}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
