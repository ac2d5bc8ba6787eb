import { resolve } from 'node:path';
import { scaffoldMinistry } from './new-ministry.js';
import { packageRoot } from '../../lib/files/index.js';
import { parseArgs } from './parse-args.js';
import { readExisting } from './read-existing.js';
import { registryFile } from './registry-row.js';
import { ScaffoldError } from './scaffold-error.js';

/** `npm run new:ministry -- <name> [options]`: exit code 0 when done, 1 with a message (never a stack) when refused. */
export function runNewMinistry(
  argv: readonly string[],
  out: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): number {
  try {
    const rootArg = argv.includes('--root') ? argv[argv.indexOf('--root') + 1] : undefined;
    const root = rootArg ? resolve(rootArg) : packageRoot();
    const existing = readExisting(root);
    const { spec, dryRun } = parseArgs(argv, existing);
    const report = scaffoldMinistry(spec, { root, dryRun });
    const verb = dryRun ? 'would create' : 'created';
    out(
      `${dryRun ? '[dry run] ' : ''}Ministry ${spec.name}: system ${spec.system}, references ${spec.referencePrefix}-AAAA-NNNNNN, ministry ${spec.ministryCode}, type ${spec.typeName}, ports ${spec.legacyPort} (simulator) / ${spec.subgraphPort} (subgraph).`,
    );
    for (const file of report.created) out(`  ${verb} ${file}`);
    for (const file of report.kept) out(`  kept     ${file} (already there)`);
    const row = { inserted: `${dryRun ? 'would add' : 'added'} its row`, completed: `${dryRun ? 'would give' : 'gave'} ${spec.ministryCode}’s row its system`, present: 'its row is already' }[
      report.registry
    ];
    out(`  ${row} in ${registryFile} (the ministry registry: every per-ministry list follows it)`);
    out('Next: flesh out the procedures (its row in schema/ministries.ts, legacy + adapter procedures.ts), states and quirks; then');
    out(`  npm run build && npm run compose && npx vitest run legacy/${spec.system} adapters/${spec.system} subgraphs/${spec.name}  (see CONTRIBUTING.md)`);
    out(`  run one of its services alone: npm run service -- legacy-${spec.system}  |  npm run service -- ${spec.name}`);
    return 0;
  } catch (error) {
    err(error instanceof ScaffoldError ? error.message : `new:ministry failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
