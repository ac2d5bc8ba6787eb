import { formatSoakFigures, parseSoakArgs, runSoak, type SoakOptions } from './soak/index.js';

/**
 * `npm run soak [-- --quick --submissions N --duration-s S --kills K --seed X]`: the chaos soak on a stack of its
 * own, loopback only. Prints the figures; exits 1 if anything accepted was lost or duplicated, or the outboxes did
 * not drain in time; 2 on a bad flag or a stack that would not run.
 */
let options: SoakOptions;
try {
  options = parseSoakArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

try {
  const figures = await runSoak(options);
  process.stdout.write(`\n${formatSoakFigures(figures)}\n`);
  process.exit(figures.passed ? 0 : 1);
} catch (error) {
  process.stderr.write(`\nThe soak could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
}
