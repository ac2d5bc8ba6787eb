import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { runSchemaCheck, type SchemaCheckOptions } from './run-schema-check.js';

const usage = `usage: npm run schema:check [-- --baseline <supergraph> --candidate <supergraph> --accepted <json>]
  --baseline   the supergraph clients were built against (default schema/supergraph.graphql)
  --candidate  a supergraph file to check (default: what the code composes to)
  --accepted   the accepted breaking changes (default schema/accepted-changes.json)`;

/** Exit 0: compatible and up to date; 1: breaking change not accepted or file out of date; 2: bad arguments or input. */
let options: SchemaCheckOptions;
try {
  const { values } = parseArgs({ options: { baseline: { type: 'string' }, candidate: { type: 'string' }, accepted: { type: 'string' } }, strict: true });
  options = { baselinePath: values.baseline, candidatePath: values.candidate, acceptedPath: values.accepted };
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exit(2);
}
try {
  const { text, failed } = await runSchemaCheck(options);
  (failed ? process.stderr : process.stdout).write(text);
  process.exitCode = failed ? 1 : 0;
} catch (error) {
  // Unreadable files, an invalid accepted-changes file, a supergraph that does not compose or build: one message.
  process.stderr.write(`schema:check could not run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
