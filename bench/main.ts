// `npm run bench [-- --quick --duration S --connections N --rounds N --scenarios … --targets … --out FILE]`: the
// benchmark on a stack of its own, loopback only. Prints the tables and writes them to bench/results.md
// (`--quick`: .data/bench-quick.md), every figure as JSON to .data/. Exit 2 on a bad flag or a bench that could not run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { packageRoot } from './ensure-peers.js';
import { BenchArgsError, formatBenchResults, parseBenchArgs, runBench, type BenchOptions } from './index.js';

/** Writes one output file, a relative path taken from the package root; returns where. */
function write(path: string, text: string): string {
  const absolute = isAbsolute(path) ? path : join(packageRoot, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
  return absolute;
}

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof BenchArgsError ? error.message : String(error)}\n`);
  process.exit(2);
}

try {
  const figures = await runBench(options);
  const report = formatBenchResults(figures);
  const out = write(options.out, report);
  const json = write(options.json, `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`\n${report}\nWritten to ${out} (every figure: ${json})\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`\nThe bench could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
}
